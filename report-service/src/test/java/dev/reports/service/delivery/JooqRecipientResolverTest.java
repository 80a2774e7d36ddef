package dev.reports.service.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import dev.reports.engine.delivery.Channel;
import dev.reports.engine.delivery.Recipient;
import dev.reports.engine.delivery.ResolvedRecipients;
import dev.reports.engine.delivery.SkippedRecipient;
import dev.reports.engine.report.ReportDefinition;
import dev.reports.test.PostgresDatabase;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class JooqRecipientResolverTest {
  @RegisterExtension static PostgresDatabase database = new PostgresDatabase();

  DSLContext db;
  HostData data;
  JooqRecipientResolver resolver;
  UUID organization;

  @BeforeEach
  void setUp() {
    db = DSL.using(database.dataSource(), SQLDialect.POSTGRES);
    data = new HostData(db);
    resolver = new JooqRecipientResolver(db);
    organization = data.organization();
  }

  @Test
  void theSchedulesOwnRecipientsOfEachEnabledChannelAreUsed() {
    ReportDefinition schedule = data.schedule(organization, Channel.EMAIL, Channel.TELEGRAM);
    UUID ann = data.user(organization, "ann@example.com");
    UUID orgWide = data.user(organization, "boss@example.com");
    data.scheduleEmailRecipient(schedule, ann);
    data.scheduleTelegramRecipient(schedule, -100L);
    data.orgEmailRecipient(organization, orgWide);
    data.orgTelegramRecipient(organization, -999L);
    data.orgTelegramRecipient(organization, -100L);

    ResolvedRecipients resolved = resolver.resolve(schedule);

    assertThat(resolved.recipients())
        .containsExactly(Recipient.email(ann, "ann@example.com"), Recipient.telegram(-100L));
    assertThat(resolved.skipped()).isEmpty();
  }

  @Test
  void emailGoesToTheUsersCurrentAddress() {
    ReportDefinition schedule = data.schedule(organization, Channel.EMAIL);
    UUID ann = data.user(organization, "ann@old.example.com");
    data.scheduleEmailRecipient(schedule, ann);
    data.changeEmail(ann, "ann@new.example.com");

    assertThat(resolver.resolve(schedule).recipients())
        .containsExactly(Recipient.email(ann, "ann@new.example.com"));
  }

  @Test
  void aChannelTheScheduleListsNobodyForFallsBackToTheOrganizationWideRecipients() {
    ReportDefinition schedule = data.schedule(organization, Channel.EMAIL, Channel.TELEGRAM);
    UUID ann = data.user(organization, "ann@example.com");
    UUID boss = data.user(organization, "boss@example.com");
    data.scheduleEmailRecipient(schedule, ann);
    data.orgEmailRecipient(organization, boss);
    data.orgTelegramRecipient(organization, -999L);
    data.orgTelegramRecipient(organization, 12345L);

    ResolvedRecipients resolved = resolver.resolve(schedule);

    assertThat(resolved.recipients())
        .containsExactly(
            Recipient.email(ann, "ann@example.com"),
            Recipient.telegram(-999L),
            Recipient.telegram(12345L));
  }

  @Test
  void aScheduleWithoutRecipientsUsesTheOrganizationWideOnesOfEnabledChannelsOnly() {
    ReportDefinition emailOnly = data.schedule(organization, Channel.EMAIL);
    UUID boss = data.user(organization, "boss@example.com");
    data.orgEmailRecipient(organization, boss);
    data.orgTelegramRecipient(organization, -999L);

    assertThat(resolver.resolve(emailOnly).recipients())
        .containsExactly(Recipient.email(boss, "boss@example.com"));
  }

  @Test
  void deactivatedAndForeignUsersAreSkippedWithTheirReason() {
    ReportDefinition schedule = data.schedule(organization, Channel.EMAIL);
    UUID ann = data.user(organization, "ann@example.com");
    UUID gone = data.deactivatedUser(organization, "gone@example.com");
    UUID foreign = data.user(data.organization(), "other@example.org");
    data.scheduleEmailRecipient(schedule, ann);
    data.scheduleEmailRecipient(schedule, gone);
    data.scheduleEmailRecipient(schedule, foreign);

    ResolvedRecipients resolved = resolver.resolve(schedule);

    assertThat(resolved.recipients()).containsExactly(Recipient.email(ann, "ann@example.com"));
    assertThat(resolved.skipped())
        .containsExactlyInAnyOrder(
            new SkippedRecipient(
                Recipient.email(gone, "gone@example.com"), "user " + gone + " is deactivated"),
            new SkippedRecipient(
                Recipient.email(foreign, "other@example.org"),
                "user " + foreign + " belongs to another organization"));
  }

  @Test
  void listedRecipientsWhoAreAllSkippedDoNotFallBackToTheOrganizationWideOnes() {
    ReportDefinition schedule = data.schedule(organization, Channel.EMAIL);
    UUID gone = data.deactivatedUser(organization, "gone@example.com");
    data.scheduleEmailRecipient(schedule, gone);
    data.orgEmailRecipient(organization, data.user(organization, "boss@example.com"));

    ResolvedRecipients resolved = resolver.resolve(schedule);

    assertThat(resolved.recipients()).isEmpty();
    assertThat(resolved.skipped()).hasSize(1);
  }

  @Test
  void aListedChatTheOrganizationDisconnectedIsSkippedAndAnotherOrganizationsChatToo() {
    ReportDefinition schedule = data.schedule(organization, Channel.TELEGRAM);
    data.orgTelegramRecipient(organization, -100L);
    data.orgTelegramRecipient(data.organization(), -777L);
    data.scheduleTelegramRecipient(schedule, -100L);
    data.scheduleTelegramRecipient(schedule, -200L); // connected once, since disconnected
    data.scheduleTelegramRecipient(schedule, -777L); // another organization's chat

    ResolvedRecipients resolved = resolver.resolve(schedule);

    assertThat(resolved.recipients()).containsExactly(Recipient.telegram(-100L));
    assertThat(resolved.skipped())
        .extracting(SkippedRecipient::recipient)
        .containsExactly(Recipient.telegram(-777L), Recipient.telegram(-200L));
    assertThat(resolved.skipped())
        .extracting(SkippedRecipient::reason)
        .allSatisfy(reason -> assertThat(reason).contains("no longer connected"));
  }

  @Test
  void organizationWideUsersAreCheckedToo() {
    ReportDefinition schedule = data.schedule(organization, Channel.EMAIL);
    UUID gone = data.deactivatedUser(organization, "gone@example.com");
    data.orgEmailRecipient(organization, gone);

    ResolvedRecipients resolved = resolver.resolve(schedule);

    assertThat(resolved.recipients()).isEmpty();
    assertThat(resolved.skipped())
        .extracting(SkippedRecipient::reason)
        .containsExactly("user " + gone + " is deactivated");
  }

  @Test
  void noRecipientsAnywhereResolvesToNone() {
    ReportDefinition schedule = data.schedule(organization, Channel.EMAIL, Channel.TELEGRAM);

    ResolvedRecipients resolved = resolver.resolve(schedule);

    assertThat(resolved.recipients()).isEmpty();
    assertThat(resolved.skipped()).isEmpty();
  }

  @Test
  void aMigratedChatIsUpdatedOnEverySchedulesListAndTheOrganizationWideList() {
    ReportDefinition one = data.schedule(organization, Channel.TELEGRAM);
    ReportDefinition two = data.schedule(organization, Channel.TELEGRAM);
    ReportDefinition alreadyListsNew = data.schedule(organization, Channel.TELEGRAM);
    UUID otherOrganization = data.organization();
    ReportDefinition foreign = data.schedule(otherOrganization, Channel.TELEGRAM);
    data.scheduleTelegramRecipient(one, -100L);
    data.scheduleTelegramRecipient(two, -100L);
    data.scheduleTelegramRecipient(two, 555L);
    data.scheduleTelegramRecipient(alreadyListsNew, -100L);
    data.scheduleTelegramRecipient(alreadyListsNew, -1000000000100L);
    data.scheduleTelegramRecipient(foreign, -100L);
    data.orgTelegramRecipient(organization, -100L);
    data.orgTelegramRecipient(otherOrganization, -100L);

    resolver.telegramChatMigrated(organization, -100L, -1000000000100L);

    assertThat(data.scheduleChats(one)).containsExactly(-1000000000100L);
    assertThat(data.scheduleChats(two)).containsExactly(-1000000000100L, 555L);
    assertThat(data.scheduleChats(alreadyListsNew)).containsExactly(-1000000000100L);
    assertThat(data.scheduleChats(foreign)).containsExactly(-100L);
    assertThat(data.orgChats(organization)).containsExactly(-1000000000100L);
    assertThat(data.orgChats(otherOrganization)).containsExactly(-100L);
    assertThat(resolver.resolve(one).recipients())
        .containsExactly(Recipient.telegram(-1000000000100L));
  }

  @Test
  void aMigrationToAChatTheOrganizationAlreadyListsMergesTheRows() {
    data.orgTelegramRecipient(organization, -100L);
    data.orgTelegramRecipient(organization, -1000000000100L);

    resolver.telegramChatMigrated(organization, -100L, -1000000000100L);

    assertThat(data.orgChats(organization)).containsExactly(-1000000000100L);
  }

  @Test
  void theTelegramChannelsNewsOfAMoveUpdatesTheChatsOfTheSchedulesOrganizationOnly() {
    ReportDefinition schedule = data.schedule(organization, Channel.TELEGRAM);
    UUID otherOrganization = data.organization();
    data.scheduleTelegramRecipient(schedule, -100L);
    data.orgTelegramRecipient(organization, -100L);
    data.orgTelegramRecipient(otherOrganization, -100L);

    resolver.migrated(schedule.scheduleId(), -100L, -1000000000100L);

    assertThat(data.scheduleChats(schedule)).containsExactly(-1000000000100L);
    assertThat(data.orgChats(organization)).containsExactly(-1000000000100L);
    assertThat(data.orgChats(otherOrganization)).containsExactly(-100L);
  }
}
