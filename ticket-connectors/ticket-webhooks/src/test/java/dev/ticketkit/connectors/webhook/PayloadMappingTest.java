package dev.ticketkit.connectors.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ticketkit.connectors.ChannelException;
import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.TenantId;
import dev.ticketkit.core.TicketValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PayloadMappingTest {
    static final TenantId T = TenantId.of("shop-1");
    static final Channel C = Channel.of("WIDGET");
    final ObjectMapper json = new ObjectMapper();

    @Test
    void jsonAndYamlConfigurationsAreEquivalent() throws Exception {
        PayloadMapping fromJson = PayloadMapping.fromJson("""
                {"messageId":"/id","senderId":"/user/id","senderType":"PHONE","senderVerified":false,
                 "text":"/msg","subject":"/topic","metadata":{"lang":"/user/lang"}}""");
        PayloadMapping fromYaml = PayloadMapping.fromYaml("""
                messageId: /id
                senderId: /user/id
                senderType: PHONE
                senderVerified: false
                text: /msg
                subject: /topic
                metadata:
                  lang: /user/lang
                """);
        var payload = json.readTree("""
                {"id":7,"msg":"hi","topic":"line1\\nline2","user":{"id":"+8613800000000","lang":"zh"}}""");
        for (PayloadMapping m : List.of(fromJson, fromYaml)) {
            InboundMessage msg = m.map(T, C, payload).get(0);
            assertThat(msg.externalMessageId()).isEqualTo("7");
            assertThat(msg.sender().type()).isEqualTo(IdentityType.PHONE);
            assertThat(msg.sender().verified()).isFalse();
            assertThat(msg.subject()).isEqualTo("line1 line2");
            assertThat(msg.metadata()).containsEntry("lang", "zh");
        }
    }

    @Test
    void configurationMistakesNameTheKey() {
        assertThatThrownBy(() -> PayloadMapping.fromYaml("messageId: /id\nsenderId: /u\ntext: /t\ncolour: /c"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("mapping.colour");
        assertThatThrownBy(() -> PayloadMapping.fromJson("{\"messageId\":\"id\",\"senderId\":\"/u\",\"text\":\"/t\"}"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("mapping.messageId");
        assertThatThrownBy(() -> PayloadMapping.fromJson("{\"messageId\":\"/id\"}"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("required");
        assertThatThrownBy(() -> PayloadMapping.fromJson("{\"messageId\":\"/id\",\"senderId\":\"/u\",\"text\":\"/t\",\"senderType\":\"lower\"}"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("mapping.senderType");
        assertThatThrownBy(() -> PayloadMapping.fromYaml("messageId: [unclosed"))
                .isInstanceOf(TicketValidationException.class).hasMessageContaining("YAML");
    }

    @Test
    void payloadsWithoutRequiredValuesOrWithObjectsAreRefused() throws Exception {
        PayloadMapping m = PayloadMapping.builder().messageId("/id").senderId("/u").text("/t").sentAt("/at").build();
        assertThatThrownBy(() -> m.map(T, C, json.readTree("{\"id\":\"1\",\"u\":\"x\"}")))
                .isInstanceOf(ChannelException.class).hasMessageContaining("mapping.text");
        assertThatThrownBy(() -> m.map(T, C, json.readTree("{\"id\":\"1\",\"u\":{\"secret\":\"carol\"},\"t\":\"x\"}")))
                .isInstanceOf(ChannelException.class).hasMessageContaining("mapping.senderId").hasMessageNotContaining("carol");
        assertThatThrownBy(() -> m.map(T, C, json.readTree("{\"id\":\"1\",\"u\":\"x\",\"t\":\"y\",\"at\":\"yesterday\"}")))
                .isInstanceOf(ChannelException.class).hasMessageContaining("mapping.sentAt");
        assertThatThrownBy(() -> m.map(T, C, json.readTree("{\"id\":\"   \",\"u\":\"x\",\"t\":\"y\"}")))
                .isInstanceOf(ChannelException.class).hasMessageContaining("mapping.messageId");
    }
}
