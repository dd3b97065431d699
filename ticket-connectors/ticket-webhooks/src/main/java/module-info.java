/** Signed webhooks: Standard Webhooks, Shopify, WeChat Official Accounts and the marketplace kit. */
module dev.ticketkit.connectors.webhooks {
    requires transitive dev.ticketkit.connectors;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires java.xml;
    requires java.net.http;
    requires org.slf4j;

    exports dev.ticketkit.connectors.webhook;
    exports dev.ticketkit.connectors.shopify;
    exports dev.ticketkit.connectors.wechat;
    exports dev.ticketkit.connectors.marketplace;
}
