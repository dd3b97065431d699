package dev.ticketkit.core;

import java.util.regex.Pattern;

/**
 * A team's id, chosen by the host application, such as {@code after-sales} or {@code warehouse}.
 *
 * @param value 1 to 64 characters of {@code [A-Za-z0-9._:-]}
 */
public record TeamId(String value) implements Comparable<TeamId> {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    public TeamId {
        Checks.token(value, "team id", VALID);
    }

    public static TeamId of(String value) {
        return new TeamId(value);
    }

    @Override
    public int compareTo(TeamId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
