package org.streamingest.functions.scalar.json;

import org.streamingest.functions.json.InvalidJsonException;
import org.streamingest.functions.json.Snippets;

/** The wording of errors about payloads that are not JSON, shared by the JSON functions. */
final class JsonErrors {

    private JsonErrors() {}

    /**
     * For example: {@code the input is not valid JSON: Unexpected end-of-input at byte offset 41;
     * the input (41 bytes) starts with '{"a":...'}.
     */
    static String notJson(String what, InvalidJsonException e, byte[] input) {
        StringBuilder message = new StringBuilder(what).append(": ").append(e.reason());
        if (e.byteOffset() >= 0) {
            message.append(" at byte offset ").append(e.byteOffset());
        }
        return message.append("; the input (")
                .append(input.length)
                .append(" bytes) starts with ")
                .append(Snippets.prefix(input))
                .append('.')
                .toString();
    }
}
