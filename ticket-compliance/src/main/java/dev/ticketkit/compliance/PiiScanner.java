package dev.ticketkit.compliance;

import java.util.List;

/**
 * Finds personal data (ID numbers, bank cards, mobile numbers, e-mail addresses) in free text.
 *
 * <p>Implementations are thread-safe and keep no state between calls. The standard scanner reads the
 * text once, left to right, in time linear in its length, whatever the input (it uses no regular
 * expressions), so it is safe on untrusted customer text of any size. ASCII and full-width digits
 * ({@code ０}–{@code ９}) are both recognised; positions are always indexes into the text given.
 *
 * <pre>{@code
 * PiiScanner scanner = PiiScanner.standard();
 * List<PiiMatch> found = scanner.scan("手机13812345678，邮箱 chen.li@example.com");
 * String shown = scanner.mask("手机13812345678");   // 手机138****5678
 * }</pre>
 */
public interface PiiScanner {

    /**
     * The standard scanner: the rules described in the module README (check digits, plausible dates,
     * Luhn, issuer prefixes or context words for cards, word boundaries).
     *
     * @return a shared, thread-safe scanner
     */
    static PiiScanner standard() {
        return StandardPiiScanner.INSTANCE;
    }

    /**
     * Finds the personal data in a text.
     *
     * @param text the text to scan, not null
     * @return the matches in text order, non-overlapping; empty if none
     */
    List<PiiMatch> scan(String text);

    /**
     * The text with every match of {@link #scan(String)} replaced by its mask.
     *
     * @param text the text to mask, not null
     * @return the masked text
     * @see Masking#maskAll(String, List)
     */
    default String mask(String text) {
        return Masking.maskAll(text, scan(text));
    }
}
