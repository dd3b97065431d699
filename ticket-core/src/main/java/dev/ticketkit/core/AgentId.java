package dev.ticketkit.core;

import java.util.regex.Pattern;

/**
 * An agent's id, chosen by the host application (for example its own user id).
 *
 * @param value 1 to 64 characters of {@code [A-Za-z0-9._@:-]}
 */
public record AgentId(String value) implements Comparable<AgentId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._@:-]{1,64}");

    public AgentId {
        Checks.token(value, "agent id", VALID);
    }

    public static AgentId of(String value) {
        return new AgentId(value);
    }

    @Override
    public int compareTo(AgentId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
