package io.keytrail.detect;

import java.util.Locale;

/**
 * A model's family: its name up to and including the first part with a digit, without a provider prefix
 * ({@code gpt-4o-mini} → {@code gpt-4o}, {@code gpt-4-turbo} → {@code gpt-4}, {@code claude-3-opus} → {@code claude-3},
 * {@code anthropic.claude-3-5-sonnet} → {@code claude-3}, {@code o3-mini} → {@code o3}).
 */
public final class ModelFamily {
    private ModelFamily() {}

    public static String of(String model) {
        if (model == null) return "";
        String m = model.toLowerCase(Locale.ROOT).trim();
        int dot = m.indexOf('.');
        if (dot > 0 && m.substring(0, dot).chars().allMatch(Character::isLetter)) m = m.substring(dot + 1);
        StringBuilder b = new StringBuilder();
        for (String part : m.split("-")) {
            if (b.length() > 0) b.append('-');
            b.append(part);
            if (part.chars().anyMatch(Character::isDigit)) break;
        }
        return b.toString();
    }
}
