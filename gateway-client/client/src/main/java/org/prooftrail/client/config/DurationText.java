package org.prooftrail.client.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.prooftrail.client.ConfigException;

/** Reads a deadline written as {@code 500ms}, {@code 15s}, {@code 2m} or ISO-8601 ({@code PT15S}). */
final class DurationText {
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(ms|s|m)");

    private DurationText() {}

    static Duration parse(String text, String where) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        Matcher matcher = SHORT.matcher(value);
        Duration duration;
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            duration = switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                default -> Duration.ofMinutes(amount);
            };
        } else {
            try {
                duration = Duration.parse(text.strip());
            } catch (DateTimeParseException e) {
                throw new ConfigException(
                        where + ": '" + text + "' is not a duration (write it as 500ms, 15s, 2m or PT15S)", e);
            }
        }
        if (duration.isZero() || duration.isNegative()) {
            throw new ConfigException(where + ": '" + text + "' must be a positive duration");
        }
        return duration;
    }
}
