package dev.reports.engine.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Channels are open, validated keys; recipients a key and an address. */
class ChannelTest {
  @Test
  void aChannelIsItsKeyAndTheBuiltInOnesAreKeysLikeAnyOther() {
    assertThat(Channel.of("email")).isEqualTo(Channel.EMAIL);
    assertThat(Channel.fromCode("telegram")).isEqualTo(Channel.TELEGRAM);
    assertThat(Channel.of("web-hook_2").code()).isEqualTo("web-hook_2");
    assertThat(Channel.of("webhook")).hasToString("webhook");
    assertThat(List.of(Channel.TELEGRAM, Channel.of("slack"), Channel.EMAIL).stream().sorted())
        .containsExactly(Channel.EMAIL, Channel.of("slack"), Channel.TELEGRAM);
  }

  @Test
  void aMalformedKeyIsRefusedNamingTheRule() {
    for (String bad : new String[] {"", "Email", "EMAIL", "9lives", "web hook", "a".repeat(33)}) {
      assertThatThrownBy(() -> Channel.of(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("lower-case letters")
          .hasMessageContaining("\"" + bad + "\"");
    }
    assertThatThrownBy(() -> Channel.of(null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRecipientIsKeyedApartFromItsAddressWhenTheAddressMayChange() {
    UUID user = UUID.randomUUID();

    assertThat(Recipient.email(user, "ann@example.com"))
        .isEqualTo(new Recipient(Channel.EMAIL, "user:" + user, "ann@example.com"));
    assertThat(Recipient.email(user, null).address()).isEmpty();
    assertThat(Recipient.telegram(-100L))
        .isEqualTo(new Recipient(Channel.TELEGRAM, "chat:-100", "-100"));
    assertThat(Recipient.of(Channel.of("webhook"), "https://hooks.example.com/a").key())
        .isEqualTo("https://hooks.example.com/a");
    assertThatThrownBy(() -> Recipient.of(Channel.EMAIL, " ", "x@example.com"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
