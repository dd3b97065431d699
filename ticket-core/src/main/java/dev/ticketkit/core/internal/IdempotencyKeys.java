package dev.ticketkit.core.internal;

import dev.ticketkit.core.Actor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/**
 * The scope of idempotency keys: a key belongs to the tenant and the actor that used it (its kind and id: one
 * integration, one customer, one agent), so a key guessed or reused by another actor never finds someone else's
 * ticket. What the store records is {@code <kind>:<actor id>|<key>}, at most {@value #MAX_STORED_LENGTH}
 * characters (actor ids over {@value #MAX_PLAIN_ACTOR_ID} characters are replaced by a hash of them).
 */
final class IdempotencyKeys {
    static final int MAX_PLAIN_ACTOR_ID = 64;
    /** The longest key a store must keep: the scope, a separator and the caller's key of up to 200 characters. */
    static final int MAX_STORED_LENGTH = 2 + MAX_PLAIN_ACTOR_ID + 1 + 200;

    private IdempotencyKeys() {}

    /** The key as stored for this actor. */
    static String scoped(Actor actor, String key) {
        String id = actor.id();
        if (id.length() > MAX_PLAIN_ACTOR_ID || id.indexOf('|') >= 0) {
            id = "#" + hash(id);
        }
        return actor.kind().name().charAt(0) + ":" + id + "|" + key;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(d).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
