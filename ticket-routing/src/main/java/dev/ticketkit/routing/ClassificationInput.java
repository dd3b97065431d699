package dev.ticketkit.routing;

import dev.ticketkit.core.Channel;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link dev.ticketkit.routing.spi.Classifier} reads: a subject and a body, with optional hints. The text is customer data:
 * classifiers must not log it or put it into exception messages.
 *
 * @param subject  the subject ("" if none)
 * @param body     the message text ("" if none)
 * @param channel  the channel it arrived by, or null
 * @param language a language hint such as {@code zh} or {@code en} (from the channel or the shop's locale), or
 *                 null; used when the text itself does not tell
 */
public record ClassificationInput(String subject, String body, Channel channel, String language) {
    public ClassificationInput {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
    }

    /** Subject and body, no hints. */
    public static ClassificationInput of(String subject, String body) {
        return new ClassificationInput(subject, body, null, null);
    }

    /** A single text (a chat message), no hints. */
    public static ClassificationInput of(String text) {
        return new ClassificationInput("", text, null, null);
    }

    public Optional<Channel> channelHint() {
        return Optional.ofNullable(channel);
    }

    public Optional<String> languageHint() {
        return Optional.ofNullable(language);
    }

    /** Never the text. */
    @Override
    public String toString() {
        return "ClassificationInput[subject=" + subject.length() + " chars, body=" + body.length() + " chars, channel="
                + channel + ", language=" + language + "]";
    }
}
