/** The e-mail channel: MIME parsing, quote stripping, SMTP out, IMAP polling or push in. */
module dev.ticketkit.connectors.email {
    requires transitive dev.ticketkit.connectors;
    requires transitive jakarta.mail;
    requires org.eclipse.angus.mail;
    requires org.jsoup;
    requires org.slf4j;

    exports dev.ticketkit.connectors.email;
}
