package dev.ticketkit.core;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A customer's membership tier. Rules and SLA policies compare tiers by {@code level}
 * (higher is more valuable); the name is for display.
 *
 * @param level 0 (standard) to 99
 * @param name  a short name such as {@code VIP}
 */
public record MemberTier(int level, String name) implements Comparable<MemberTier> {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public static final MemberTier STANDARD = new MemberTier(0, "STANDARD");
    public static final MemberTier SILVER = new MemberTier(1, "SILVER");
    public static final MemberTier GOLD = new MemberTier(2, "GOLD");
    public static final MemberTier VIP = new MemberTier(3, "VIP");

    private static final List<MemberTier> BUILT_INS = List.of(STANDARD, SILVER, GOLD, VIP);

    public MemberTier {
        if (level < 0 || level > 99) {
            throw new IllegalArgumentException("tier level must be 0..99: " + level);
        }
        Checks.token(name, "tier name", NAME);
    }

    public static MemberTier of(int level, String name) {
        return new MemberTier(level, name);
    }

    /** The built-in tiers, lowest first: {@link #STANDARD}, {@link #SILVER}, {@link #GOLD}, {@link #VIP}. */
    public static List<MemberTier> builtIns() {
        return BUILT_INS;
    }

    /**
     * The built-in tier with this name, ignoring case ({@code "vip"} is {@link #VIP}); empty for any other name.
     * Conditions on {@code customer.tier} accept these names for the levels.
     */
    public static Optional<MemberTier> builtIn(String name) {
        for (MemberTier t : BUILT_INS) {
            if (t.name.equalsIgnoreCase(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    @Override
    public int compareTo(MemberTier o) {
        return Integer.compare(level, o.level);
    }
}
