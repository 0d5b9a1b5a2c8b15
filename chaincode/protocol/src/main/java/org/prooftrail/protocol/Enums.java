package org.prooftrail.protocol;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Parses wire enum values exactly (upper case), naming the allowed values when one is wrong. */
final class Enums {
    private Enums() {}

    static <E extends Enum<E>> E parse(Class<E> type, String field, String text) {
        if (text == null || text.isEmpty()) {
            throw ProofTrailException.invalid(field + " is required, one of " + allowed(type));
        }
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        throw ProofTrailException.invalid(
                field + " must be one of " + allowed(type) + ", not '" + Printable.truncate(text) + "'");
    }

    private static <E extends Enum<E>> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
    }
}
