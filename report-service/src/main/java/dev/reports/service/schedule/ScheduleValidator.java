package dev.reports.service.schedule;

import static dev.reports.jooq.Tables.ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
import static dev.reports.jooq.Tables.SHARED_LINKS;
import static dev.reports.jooq.Tables.USERS;
import static dev.reports.service.schedule.ScheduleFields.CADENCE;
import static dev.reports.service.schedule.ScheduleFields.CRON_EXPRESSION;
import static dev.reports.service.schedule.ScheduleFields.CSV;
import static dev.reports.service.schedule.ScheduleFields.DAY_OF_MONTH;
import static dev.reports.service.schedule.ScheduleFields.DAY_OF_WEEK;
import static dev.reports.service.schedule.ScheduleFields.NAME;
import static dev.reports.service.schedule.ScheduleFields.RECIPIENTS;
import static dev.reports.service.schedule.ScheduleFields.SCHEDULED_TIME;
import static dev.reports.service.schedule.ScheduleFields.SEND_EMAIL;
import static dev.reports.service.schedule.ScheduleFields.SEND_TELEGRAM;
import static dev.reports.service.schedule.ScheduleFields.SHARED_LINK_ID;
import static dev.reports.service.schedule.ScheduleFields.TIMEZONE;

import dev.reports.engine.ReportEngine;
import dev.reports.engine.delivery.Channel;
import dev.reports.engine.report.CsvOptions;
import dev.reports.engine.schedule.Cadence;
import dev.reports.engine.schedule.InvalidScheduleException;
import dev.reports.engine.schedule.ScheduleSpec;
import dev.reports.service.config.ChannelModes;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jooq.DSLContext;

/**
 * Turns a {@link ScheduleInput} into a {@link ScheduleDraft} of one organization, or throws an
 * {@link InvalidScheduleException} naming every bad field. A shared link or user of another
 * organization is reported exactly like one that does not exist. A Telegram chat must be one the
 * organization has connected ({@code organization_notification_telegram_recipients}): the bot is
 * shared by every organization, so a chat id is not the caller's to choose; another organization's
 * chat is reported exactly like one nobody connected.
 */
final class ScheduleValidator {
  static final int MAX_RECIPIENTS = 100;

  /** A name's limit, in UTF-16 code units (as JavaScript's {@code length} counts). */
  static final int MAX_NAME = 200;

  /**
   * The longest cron expression (after runs of spaces become one): the scheduler keeps it in a
   * column of 512 characters, and no sensible expression needs more than a few dozen.
   */
  static final int MAX_CRON_CHARS = 200;

  private static final Pattern HH_MM = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]");
  private static final Set<String> ZONES = ZoneId.getAvailableZoneIds();
  private static final Map<String, DayOfWeek> DAYS = new LinkedHashMap<>();

  static {
    for (DayOfWeek day : DayOfWeek.values()) {
      DAYS.put(day.name().toLowerCase(Locale.ROOT), day);
    }
  }

  private final ReportEngine engine;
  private final ChannelModes channels;

  ScheduleValidator(ReportEngine engine, ChannelModes channels) {
    this.engine = engine;
    this.channels = channels;
  }

  ScheduleDraft validate(DSLContext dsl, UUID organizationId, ScheduleInput in) {
    return validate(dsl, organizationId, in, Set.of());
  }

  /**
   * As {@link #validate(DSLContext, UUID, ScheduleInput)}; {@code keptChats} are the chats the
   * schedule already lists, accepted again even if the organization disconnected them since (a
   * schedule read back and sent unchanged stays valid; the run skips such a chat).
   */
  ScheduleDraft validate(
      DSLContext dsl, UUID organizationId, ScheduleInput in, Set<Long> keptChats) {
    FieldErrors errors = new FieldErrors();
    UUID sharedLinkId = sharedLink(dsl, organizationId, in.sharedLinkId(), errors);
    ZoneId zone = zone(in.timezone(), errors);
    // With a bad zone the timing fields are still checked, in UTC, so that every bad field is
    // named.
    Optional<ScheduleSpec> spec = spec(in, zone == null ? ZoneId.of("UTC") : zone, errors);
    boolean sendEmail = Boolean.TRUE.equals(in.sendEmail());
    boolean sendTelegram = Boolean.TRUE.equals(in.sendTelegram());
    if (!sendEmail && !sendTelegram) {
      errors.add(SEND_EMAIL, "enable at least one channel: send_email or send_telegram");
    }
    channelOff(Channel.EMAIL, sendEmail, SEND_EMAIL, errors);
    channelOff(Channel.TELEGRAM, sendTelegram, SEND_TELEGRAM, errors);
    List<ScheduleRecipient> recipients =
        recipients(dsl, organizationId, in.recipients(), keptChats, errors);
    String name = name(in.name(), errors);
    CsvOptions csv = csv(in.csv(), errors);
    if (spec.isPresent()) {
      try {
        engine.validate(spec.get());
      } catch (InvalidScheduleException e) {
        errors.addAll(e.errors());
      }
    }
    errors.throwIfAny();
    return new ScheduleDraft(
        sharedLinkId,
        spec.orElseThrow(),
        sendEmail,
        sendTelegram,
        in.enabled() == null || in.enabled(),
        recipients,
        name,
        Boolean.TRUE.equals(in.skipIfEmpty()),
        csv);
  }

  /** The name trimmed; blank is no name. */
  private static String name(String raw, FieldErrors errors) {
    if (raw == null) {
      return null;
    }
    // checked before trimming: a line break at either end is refused, not silently dropped
    String name = raw;
    for (int i = 0; i < name.length(); i++) {
      int type = Character.getType(name.charAt(i));
      if (type == Character.CONTROL || (type == Character.SURROGATE && !wellPaired(name, i))) {
        errors.add(
            NAME,
            "must not contain control characters (such as line breaks or tabs); found U+"
                + String.format(Locale.ROOT, "%04X", (int) name.charAt(i))
                + " at position "
                + i);
        return null;
      }
    }
    name = name.strip();
    if (name.isEmpty()) {
      return null;
    }
    if (name.length() > MAX_NAME) {
      errors.add(NAME, "at most " + MAX_NAME + " characters (it has " + name.length() + ")");
      return null;
    }
    return name;
  }

  private static boolean wellPaired(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  private static CsvOptions csv(ScheduleInput.CsvInput raw, FieldErrors errors) {
    if (raw == null) {
      return CsvOptions.DEFAULT;
    }
    char delimiter = CsvOptions.DEFAULT.delimiter();
    if (raw.delimiter() != null) {
      if (raw.delimiter().length() != 1 || CsvOptions.DELIMITERS.indexOf(raw.delimiter()) < 0) {
        errors.add(CSV + ".delimiter", "must be \",\", \";\" or a tab (\"\\t\")");
      } else {
        delimiter = raw.delimiter().charAt(0);
      }
    }
    return new CsvOptions(delimiter, Boolean.TRUE.equals(raw.bom()));
  }

  private void channelOff(Channel channel, boolean enabled, String field, FieldErrors errors) {
    if (enabled && !channels.available(channel)) {
      errors.add(
          field, channel.code() + " delivery is off on this service; set " + field + " to false");
    }
  }

  private static UUID sharedLink(
      DSLContext dsl, UUID organizationId, String raw, FieldErrors errors) {
    if (raw == null) {
      errors.add(SHARED_LINK_ID, "is required");
      return null;
    }
    Optional<UUID> id = uuid(raw);
    if (id.isEmpty()) {
      errors.add(SHARED_LINK_ID, "must be a UUID");
      return null;
    }
    boolean found =
        dsl.fetchExists(
            SHARED_LINKS,
            SHARED_LINKS.ID.eq(id.get()).and(SHARED_LINKS.ORGANIZATION_ID.eq(organizationId)));
    if (!found) {
      errors.add(SHARED_LINK_ID, "no shared link with this id");
      return null;
    }
    return id.get();
  }

  private static ZoneId zone(String raw, FieldErrors errors) {
    if (raw == null) {
      errors.add(TIMEZONE, "is required");
      return null;
    }
    // Only IANA region ids: offsets like +03:00 would not follow the zone's DST rules.
    if (!ZONES.contains(raw)) {
      errors.add(TIMEZONE, "unknown time zone; use an IANA name such as Europe/Moscow");
      return null;
    }
    return ZoneId.of(raw);
  }

  private static Optional<ScheduleSpec> spec(ScheduleInput in, ZoneId zone, FieldErrors errors) {
    boolean cadenceGiven = in.cadence() != null;
    boolean cronGiven = in.cronExpression() != null;
    if (cadenceGiven && cronGiven) {
      errors.add(
          CRON_EXPRESSION,
          "give either cadence (with scheduled_time) or cron_expression, not both");
      return Optional.empty();
    }
    if (!cadenceGiven && !cronGiven) {
      errors.add(CADENCE, "either cadence (with scheduled_time) or cron_expression is required");
      return Optional.empty();
    }
    return cronGiven ? cronSpec(in, zone, errors) : cadenceSpec(in, zone, errors);
  }

  private static Optional<ScheduleSpec> cronSpec(
      ScheduleInput in, ZoneId zone, FieldErrors errors) {
    boolean valid = true;
    for (String field : List.of(SCHEDULED_TIME, DAY_OF_WEEK, DAY_OF_MONTH)) {
      if (valueOf(in, field) != null) {
        errors.add(field, "is only used with a cadence, not with cron_expression");
        valid = false;
      }
    }
    String cron = in.cronExpression().trim().replaceAll("\\s+", " ");
    // Its syntax, its fields and how often it fires are the engine's to judge.
    if (cron.isEmpty()) {
      errors.add(CRON_EXPRESSION, "must not be empty");
      valid = false;
    } else if (cron.length() > MAX_CRON_CHARS) {
      errors.add(CRON_EXPRESSION, "must be at most " + MAX_CRON_CHARS + " characters");
      valid = false;
    }
    if (!valid) {
      return Optional.empty();
    }
    return Optional.of(ScheduleSpec.cron(cron, zone));
  }

  private static Optional<ScheduleSpec> cadenceSpec(
      ScheduleInput in, ZoneId zone, FieldErrors errors) {
    Cadence cadence =
        switch (in.cadence()) {
          case "daily" -> Cadence.DAILY;
          case "weekly" -> Cadence.WEEKLY;
          case "monthly" -> Cadence.MONTHLY;
          default -> null;
        };
    boolean valid = true;
    if (cadence == null) {
      errors.add(CADENCE, "must be one of daily, weekly, monthly");
    }
    LocalTime time = null;
    if (in.scheduledTime() == null) {
      errors.add(SCHEDULED_TIME, "is required with a cadence");
    } else if (!HH_MM.matcher(in.scheduledTime()).matches()) {
      errors.add(SCHEDULED_TIME, "must be a time HH:MM between 00:00 and 23:59");
    } else {
      time = LocalTime.parse(in.scheduledTime());
    }
    DayOfWeek dayOfWeek = cadence == Cadence.WEEKLY ? DayOfWeek.MONDAY : null;
    if (in.dayOfWeek() != null) {
      if (cadence != null && cadence != Cadence.WEEKLY) {
        errors.add(DAY_OF_WEEK, "is only used with cadence weekly");
        valid = false;
      } else if (!DAYS.containsKey(in.dayOfWeek())) {
        errors.add(DAY_OF_WEEK, "must be one of " + String.join(", ", DAYS.keySet()));
        valid = false;
      } else {
        dayOfWeek = DAYS.get(in.dayOfWeek());
      }
    }
    Integer dayOfMonth = cadence == Cadence.MONTHLY ? 1 : null;
    if (in.dayOfMonth() != null) {
      if (cadence != null && cadence != Cadence.MONTHLY) {
        errors.add(DAY_OF_MONTH, "is only used with cadence monthly");
        valid = false;
      } else if (ScheduleInput.LAST.equals(in.dayOfMonth())) {
        dayOfMonth = ScheduleSpec.LAST_DAY_OF_MONTH;
      } else if (!(in.dayOfMonth() instanceof Integer day) || day < 1 || day > 28) {
        errors.add(DAY_OF_MONTH, "must be between 1 and 28, or \"last\" for the last day");
        valid = false;
      } else {
        dayOfMonth = day;
      }
    }
    if (cadence == null || time == null || !valid) {
      return Optional.empty();
    }
    return Optional.of(new ScheduleSpec(cadence, time, dayOfWeek, dayOfMonth, null, zone));
  }

  private static Object valueOf(ScheduleInput in, String field) {
    return switch (field) {
      case SCHEDULED_TIME -> in.scheduledTime();
      case DAY_OF_WEEK -> in.dayOfWeek();
      case DAY_OF_MONTH -> in.dayOfMonth();
      default -> throw new IllegalArgumentException(field);
    };
  }

  private static List<ScheduleRecipient> recipients(
      DSLContext dsl,
      UUID organizationId,
      List<ScheduleInput.RecipientInput> raw,
      Set<Long> keptChats,
      FieldErrors errors) {
    if (raw == null) {
      return List.of();
    }
    if (raw.size() > MAX_RECIPIENTS) {
      errors.add(RECIPIENTS, "at most " + MAX_RECIPIENTS + " recipients");
      return List.of();
    }
    List<ScheduleRecipient> recipients = new ArrayList<>();
    Map<ScheduleRecipient, Integer> seen = new HashMap<>();
    Map<UUID, Integer> users = new HashMap<>();
    Map<Long, Integer> chats = new HashMap<>();
    for (int i = 0; i < raw.size(); i++) {
      String at = RECIPIENTS + "[" + i + "]";
      ScheduleInput.RecipientInput r = raw.get(i);
      if (r == null) {
        errors.add(at, "must be an object");
        continue;
      }
      ScheduleRecipient recipient = recipient(at, r, errors);
      if (recipient == null) {
        continue;
      }
      Integer first = seen.putIfAbsent(recipient, i);
      if (first != null) {
        errors.add(at, "duplicate of " + RECIPIENTS + "[" + first + "]");
        continue;
      }
      if (recipient.userId() != null) {
        users.put(recipient.userId(), i);
      }
      if (recipient.telegramChatId() != null && !keptChats.contains(recipient.telegramChatId())) {
        chats.put(recipient.telegramChatId(), i);
      }
      recipients.add(recipient);
    }
    checkUsers(dsl, organizationId, users, errors);
    checkChats(dsl, organizationId, chats, errors);
    return recipients;
  }

  private static ScheduleRecipient recipient(
      String at, ScheduleInput.RecipientInput r, FieldErrors errors) {
    if (r.channel() == null) {
      errors.add(at + ".channel", "is required: email or telegram");
      return null;
    }
    if (Channel.EMAIL.code().equals(r.channel())) {
      if (r.telegramChatId() != null) {
        errors.add(at + ".telegram_chat_id", "is only used with channel telegram");
      }
      if (r.userId() == null) {
        errors.add(at + ".user_id", "is required with channel email");
        return null;
      }
      Optional<UUID> user = uuid(r.userId());
      if (user.isEmpty()) {
        errors.add(at + ".user_id", "must be a UUID");
        return null;
      }
      return r.telegramChatId() == null ? ScheduleRecipient.email(user.get()) : null;
    }
    if (Channel.TELEGRAM.code().equals(r.channel())) {
      if (r.userId() != null) {
        errors.add(at + ".user_id", "is only used with channel email");
      }
      if (r.telegramChatId() == null) {
        errors.add(at + ".telegram_chat_id", "is required with channel telegram");
        return null;
      }
      if (r.telegramChatId() == 0) {
        errors.add(at + ".telegram_chat_id", "must not be 0");
        return null;
      }
      return r.userId() == null ? ScheduleRecipient.telegram(r.telegramChatId()) : null;
    }
    errors.add(at + ".channel", "must be email or telegram");
    return null;
  }

  private static void checkUsers(
      DSLContext dsl, UUID organizationId, Map<UUID, Integer> users, FieldErrors errors) {
    if (users.isEmpty()) {
      return;
    }
    Map<UUID, OffsetDateTime> found = new HashMap<>();
    dsl.select(USERS.ID, USERS.DEACTIVATED_AT)
        .from(USERS)
        .where(USERS.ORGANIZATION_ID.eq(organizationId).and(USERS.ID.in(users.keySet())))
        .forEach(r -> found.put(r.value1(), r.value2()));
    users.entrySet().stream()
        .sorted(Map.Entry.comparingByValue())
        .forEach(
            e -> {
              String at = RECIPIENTS + "[" + e.getValue() + "].user_id";
              if (!found.containsKey(e.getKey())) {
                errors.add(at, "no user with this id");
              } else if (found.get(e.getKey()) != null) {
                errors.add(at, "this user is deactivated");
              }
            });
  }

  private static void checkChats(
      DSLContext dsl, UUID organizationId, Map<Long, Integer> chats, FieldErrors errors) {
    if (chats.isEmpty()) {
      return;
    }
    var o = ORGANIZATION_NOTIFICATION_TELEGRAM_RECIPIENTS;
    Set<Long> connected =
        new java.util.HashSet<>(
            dsl.select(o.TELEGRAM_CHAT_ID)
                .from(o)
                .where(o.ORGANIZATION_ID.eq(organizationId), o.TELEGRAM_CHAT_ID.in(chats.keySet()))
                .fetch(o.TELEGRAM_CHAT_ID));
    chats.entrySet().stream()
        .filter(e -> !connected.contains(e.getKey()))
        .sorted(Map.Entry.comparingByValue())
        .forEach(
            e ->
                errors.add(
                    RECIPIENTS + "[" + e.getValue() + "].telegram_chat_id",
                    "this Telegram chat is not connected to the organization; connect it to the"
                        + " bot first"));
  }

  private static Optional<UUID> uuid(String raw) {
    // UUID.fromString accepts short forms like "1-2-3-4-5"; only the canonical 36 characters count.
    if (raw.length() != 36) {
      return Optional.empty();
    }
    try {
      return Optional.of(UUID.fromString(raw));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
