package dev.ticketkit.connectors.intake;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ticketkit.connectors.InboundMessage;
import dev.ticketkit.core.Channel;
import dev.ticketkit.core.ChannelIdentity;
import dev.ticketkit.core.Customer;
import dev.ticketkit.core.IdentityType;
import dev.ticketkit.core.NewCustomer;
import org.junit.jupiter.api.Test;

class IdentityTest extends IntakeTestBase {

    private InboundMessage shopify(String customerId, ChannelIdentity email, String webhookId) {
        return InboundMessage.builder(shop.tenant, Channel.SHOPIFY)
                .externalMessageId(webhookId)
                .sender(ChannelIdentity.verified(IdentityType.SHOPIFY_CUSTOMER, customerId))
                .otherIdentity(email)
                .subject("Order question")
                .text("Where is #1001?")
                .build();
    }

    private Customer customer(IntakeResult r) {
        return engine.customers().get(shop.admin, r.customerId().orElseThrow());
    }

    @Test
    void aKnownEmailSenderIsThatCustomer() {
        IntakeResult r = intake.accept(email("Carol@Example.com", "k1@mail", "Hi", "hello").build());
        assertThat(r.customerId()).contains(shop.carol.id());
    }

    @Test
    void aNewPlatformIdIsLinkedToTheCustomerWithTheSameVerifiedEmail() {
        IntakeResult r = intake.accept(shopify("7001", ChannelIdentity.verified(IdentityType.EMAIL, "carol@example.com"), "w1"));
        assertThat(r.customerId()).contains(shop.carol.id());
        assertThat(customer(r).identity(IdentityType.SHOPIFY_CUSTOMER)).map(ChannelIdentity::value).contains("7001");
    }

    @Test
    void anUnverifiedEmailNeverLinksAPlatformIdToAnExistingCustomer() {
        IntakeResult r = intake.accept(shopify("7002", ChannelIdentity.of(IdentityType.EMAIL, "carol@example.com"), "w2"));
        assertThat(r.customerId().orElseThrow()).isNotEqualTo(shop.carol.id());
        assertThat(engine.customers().get(shop.admin, shop.carol.id()).identity(IdentityType.SHOPIFY_CUSTOMER)).isEmpty();
        // and the new customer does not take the email either
        assertThat(customer(r).identity(IdentityType.EMAIL)).isEmpty();
    }

    @Test
    void aVerifiedEmailMatchingOnlyAnUnverifiedIdentityDoesNotLink() {
        Customer ursula = engine.customers().create(shop.admin,
                NewCustomer.of("Ursula", ChannelIdentity.of(IdentityType.EMAIL, "ursula@example.com")));
        IntakeResult r = intake.accept(shopify("7003", ChannelIdentity.verified(IdentityType.EMAIL, "ursula@example.com"), "w3"));
        assertThat(r.customerId().orElseThrow()).isNotEqualTo(ursula.id());
    }

    @Test
    void twoIdsOfOnePlatformAreNeverMergedIntoOneCustomer() {
        IntakeResult first = intake.accept(shopify("8001", ChannelIdentity.verified(IdentityType.EMAIL, "carol@example.com"), "w4"));
        assertThat(first.customerId()).contains(shop.carol.id());
        IntakeResult second = intake.accept(shopify("8002", ChannelIdentity.verified(IdentityType.EMAIL, "carol@example.com"), "w5"));
        assertThat(second.customerId().orElseThrow()).isNotEqualTo(shop.carol.id());
        Customer carol = engine.customers().get(shop.admin, shop.carol.id());
        assertThat(carol.identities()).filteredOn(i -> i.type().equals(IdentityType.SHOPIFY_CUSTOMER))
                .extracting(ChannelIdentity::value).containsExactly("8001");
        assertThat(customer(second).identities()).extracting(ChannelIdentity::value).containsExactly("8002");
    }

    @Test
    void aVerifiedFurtherIdentityNobodyHoldsIsAddedToTheSender() {
        IntakeResult r = intake.accept(shopify("9001", ChannelIdentity.verified(IdentityType.EMAIL, "new@example.com"), "w6"));
        assertThat(customer(r).identity(IdentityType.EMAIL)).map(ChannelIdentity::value).contains("new@example.com");
        IntakeResult mail = intake.accept(email("new@example.com", "n1@mail", "Hi", "me again").build());
        assertThat(mail.customerId()).isEqualTo(r.customerId());
    }

    @Test
    void aVerifiedSenderMarksAnUnverifiedStoredIdentityVerified() {
        intake.accept(wechat("o-dave", "x1", "hi").sender(ChannelIdentity.verified(IdentityType.WECHAT_OPENID,
                "o6_bmjrPTlm6_2sgVt7hMZOPfL2M")).conversationId("o6_bmjrPTlm6_2sgVt7hMZOPfL2M").build());
        Customer dave = engine.customers().get(shop.admin, shop.dave.id());
        assertThat(dave.identity(IdentityType.WECHAT_OPENID)).map(ChannelIdentity::verified).contains(true);
    }
}
