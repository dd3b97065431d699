package dev.ticketkit.connectors.email;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach an SMTP or IMAP server. {@link #toString()} never shows the password.
 *
 * @param host     the server's host name
 * @param port     its port, 1 to 65535
 * @param username the login ("" for none)
 * @param password the password ("" for none)
 * @param security plain, STARTTLS or implicit TLS
 * @param timeout  connect, read and write timeout
 */
public record MailServer(String host, int port, String username, String password, Security security, Duration timeout) {

    /** Default connect, read and write timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** How the connection is protected. */
    public enum Security {
        /** No TLS (tests, or a relay on loopback). */
        PLAIN,
        /** Upgrade with STARTTLS, which must succeed (SMTP submission on 587, IMAP on 143). */
        STARTTLS,
        /** TLS from the start (SMTPS 465, IMAPS 993). */
        TLS
    }

    public MailServer {
        Objects.requireNonNull(host, "host");
        if (host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException("port must be 1 to 65535: " + port);
        }
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(security, "security");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive");
        }
    }

    /** A server with a login, the given security and the {@linkplain #DEFAULT_TIMEOUT default timeout}. */
    public static MailServer of(String host, int port, String username, String password, Security security) {
        return new MailServer(host, port, username, password, security, DEFAULT_TIMEOUT);
    }

    /** A copy with another timeout. */
    public MailServer withTimeout(Duration newTimeout) {
        return new MailServer(host, port, username, password, security, newTimeout);
    }

    @Override
    public String toString() {
        return "MailServer[" + host + ":" + port + " " + security + (username.isEmpty() ? "" : " with login") + "]";
    }
}
