package dev.reports.service.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Hostile values for property tests: numbers past every range, long text, control and non-BMP
 * characters, JSON of the wrong type, garbage ids, cursors and query values. Each generator yields
 * only values that no field, id or parameter of the API accepts, so a request built from them must
 * be refused.
 */
final class Hostile {
  private Hostile() {}

  /** Characters that are never part of a valid value, and are no whitespace a trim would drop. */
  private static final List<String> SPECIAL =
      List.of(
          "\u0000",
          "\u0001",
          "\u0007",
          "\u001b",
          "\u007f",
          "\u0085",
          "\u00a0",
          "\u200b",
          "\u202e",
          "\ufeff",
          "\ufffd",
          "\uffff",
          "\ud83d\ude00",
          "\udbff\udfff",
          "\ud800",
          "\udc00",
          "\"",
          "\\",
          "'; drop table users; --",
          "%00",
          "${jndi:ldap://127.0.0.1/x}",
          "../../etc/passwd");

  /** Numbers no field takes: beyond int and long, negative, zero, fractions, 29 and up. */
  static Arbitrary<Object> numbers() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            0,
            -1,
            29,
            Integer.MAX_VALUE,
            Integer.MIN_VALUE,
            2_147_483_648L,
            Long.MAX_VALUE,
            Long.MIN_VALUE,
            new BigInteger("9223372036854775808"),
            new BigInteger("-9223372036854775809"),
            new BigInteger("1" + "0".repeat(40)),
            new BigDecimal("1.5"),
            new BigDecimal("1e308"),
            new BigDecimal("-1e-308"),
            new BigDecimal("1e400")),
        Arbitraries.bigIntegers()
            .between(BigInteger.valueOf(29), new BigInteger("1" + "0".repeat(30)))
            .map(n -> (Object) n),
        Arbitraries.bigIntegers()
            .between(new BigInteger("-1" + "0".repeat(30)), BigInteger.ZERO)
            .map(n -> (Object) n),
        Arbitraries.doubles().between(-1e12, 1e12).filter(d -> d != Math.rint(d)).map(d -> d));
  }

  /** Text with a character no field takes, or too long for any field. */
  static Arbitrary<String> texts() {
    Arbitrary<String> around = Arbitraries.strings().all().ofMaxLength(12);
    return Arbitraries.oneOf(
        Combinators.combine(around, Arbitraries.of(SPECIAL), around).as((a, s, b) -> a + s + b),
        Arbitraries.strings().all().ofMinLength(201).ofMaxLength(2_000),
        Arbitraries.of(SPECIAL).map(s -> s.repeat(300)),
        Arbitraries.strings().withCharRange('0', '9').ofMinLength(11).ofMaxLength(60));
  }

  /** JSON values of the wrong shape: arrays and objects, nested a little. */
  static Arbitrary<Object> containers() {
    Arbitrary<Object> leaf =
        Arbitraries.oneOf(
            numbers(), texts().map(t -> (Object) t), Arbitraries.of(true, false).map(b -> b));
    return Arbitraries.oneOf(
        leaf.list().ofMaxSize(3).map(l -> (Object) l),
        Arbitraries.maps(texts(), leaf).ofMaxSize(3).map(m -> (Object) m),
        Arbitraries.just(List.of(List.of(List.of()))),
        Arbitraries.just(Map.of()));
  }

  /** Any hostile JSON value: a number, text, a boolean or a container. */
  static Arbitrary<Object> anyValue(boolean withBooleans) {
    List<Arbitrary<Object>> values = new ArrayList<>();
    values.add(numbers());
    values.add(texts().map(t -> t));
    values.add(containers());
    if (withBooleans) {
      values.add(Arbitraries.of(true, false).map(b -> b));
    }
    return Arbitraries.oneOf(values);
  }

  /** A hostile value for one field of a schedule (or a read-only one, in a patch). */
  static Arbitrary<Object> valueFor(String field) {
    return switch (field) {
      case "send_email", "send_telegram", "enabled", "skip_if_empty" -> anyValue(false);
      // a name may hold almost any text: only control characters, over 200 UTF-16 units, or
      // another JSON type are refused
      case "name" ->
          Arbitraries.oneOf(
              numbers(),
              containers(),
              Arbitraries.of(true, false).map(b -> b),
              Combinators.combine(
                      Arbitraries.strings().all().ofMaxLength(12),
                      Arbitraries.of("\u0000", "\u0007", "\n", "\r", "\t", "\u001b", "\u007f"))
                  .as((a, c) -> (Object) (a + c)),
              Arbitraries.strings().all().ofMinLength(201).ofMaxLength(2_000).map(t -> t));
      // {} and a partial object are valid csv options (the defaults fill in)
      case "csv" ->
          Arbitraries.oneOf(
              numbers(),
              texts().map(t -> t),
              Arbitraries.of(true, false).map(b -> b),
              Arbitraries.maps(Arbitraries.of("delimiter"), texts().map(t -> (Object) t))
                  .ofSize(1)
                  .map(m -> (Object) m));
      // an empty list is valid: it means the organization-wide recipients
      case "recipients" ->
          Arbitraries.oneOf(
              anyValue(true).filter(v -> !(v instanceof List<?> l && l.isEmpty())),
              recipients().map(r -> r));
      default -> anyValue(true);
    };
  }

  /** Recipient lists each of which has a hostile recipient, or too many. */
  static Arbitrary<Object> recipients() {
    Arbitrary<Map<String, Object>> bad =
        Combinators.combine(
                Arbitraries.of("email", "telegram"),
                Arbitraries.oneOf(texts().map(t -> (Object) t), containers()),
                Arbitraries.oneOf(
                    numbers().filter(Hostile::notAChatId),
                    texts().map(t -> (Object) t),
                    containers()))
            .as(
                (channel, user, chat) -> {
                  Map<String, Object> r = new LinkedHashMap<>();
                  r.put("channel", channel);
                  r.put(
                      channel.equals("email") ? "user_id" : "telegram_chat_id",
                      channel.equals("email") ? user : chat);
                  return r;
                });
    Arbitrary<Map<String, Object>> badChannel =
        texts().map(t -> Map.<String, Object>of("channel", t, "telegram_chat_id", 1));
    return Arbitraries.oneOf(
        Arbitraries.oneOf(bad, badChannel).list().ofMinSize(1).ofMaxSize(3).map(l -> (Object) l),
        Arbitraries.integers()
            .between(101, 300)
            .map(
                n -> {
                  List<Object> many = new ArrayList<>();
                  for (long i = 1; i <= n; i++) {
                    many.add(Map.of("channel", "telegram", "telegram_chat_id", -i));
                  }
                  return (Object) many;
                }));
  }

  private static boolean notAChatId(Object number) {
    if (number instanceof BigDecimal || number instanceof Double) {
      return true;
    }
    BigInteger n = new BigInteger(number.toString());
    return n.signum() == 0 || n.bitLength() > 63;
  }

  /** Path ids that name no schedule of the caller: garbage, or well-formed but not theirs. */
  static Arbitrary<String> ids(UUID... notTheirs) {
    List<Arbitrary<String>> ids = new ArrayList<>();
    ids.add(texts().filter(t -> !t.isEmpty()).map(Hostile::encode));
    ids.add(numbers().map(n -> encode(n.toString())));
    ids.add(Arbitraries.create(UUID::randomUUID).map(UUID::toString));
    ids.add(
        Arbitraries.of(".", "..", "%2e%2e", "%2F", "%252F", ";", "%3B", "a%20b", "%25", "%C0%AF"));
    if (notTheirs.length > 0) {
      ids.add(Arbitraries.of(notTheirs).map(UUID::toString));
    }
    return Arbitraries.oneOf(ids);
  }

  /** Values no integer query parameter (limit, count: 1 … 100) takes, as sent in a URL. */
  static Arbitrary<String> counts() {
    return Arbitraries.oneOf(
            numbers().map(Object::toString),
            Arbitraries.integers().between(101, Integer.MAX_VALUE).map(String::valueOf),
            Arbitraries.of(
                "", " ", "1.0", "1e1", "0x10", "+5", "5 ", " 5", "\u0665", "\uff15", "five", "NaN"),
            texts())
        .filter(s -> !s.matches("0*([1-9][0-9]?|100)"));
  }

  /** Values that are no cursor of any list: garbage, or cursors with impossible positions. */
  static Arbitrary<String> cursors() {
    Arbitrary<String> structured =
        Combinators.combine(
                Arbitraries.of("s", "n", "r", "x", ""),
                Arbitraries.of(
                    "-62135596801",
                    "253402300800",
                    "9223372036854775807",
                    "99999999999999999999",
                    "-9223372036854775808",
                    "x"),
                Arbitraries.of("0", "-1", "1000000000", "99999999999", ""),
                Arbitraries.of(UUID.randomUUID().toString(), "not-a-uuid", ""))
            .as(
                (list, seconds, nanos, id) ->
                    base64(list + ":" + seconds + ":" + nanos + ":" + id));
    return Arbitraries.oneOf(
        structured,
        texts().map(Hostile::base64),
        texts(),
        Arbitraries.of("", "=", "====", "AAAA", "!!!!", "s", base64("s:1:2")));
  }

  /** Values that are no UUID. */
  static Arbitrary<String> notUuids() {
    return Arbitraries.oneOf(
        texts(),
        numbers().map(Object::toString),
        Arbitraries.of("", "1-2-3-4-5", "00000000-0000-0000-0000-00000000000g", "{}"));
  }

  static String encode(String raw) {
    return URLEncoder.encode(raw, StandardCharsets.UTF_8);
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }
}
