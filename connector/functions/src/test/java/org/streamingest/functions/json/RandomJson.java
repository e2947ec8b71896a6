package org.streamingest.functions.json;

import java.util.Random;

/**
 * Random JSON text for differential tests: nested objects and arrays, attribute names that may
 * repeat, strings with non-ASCII characters and escape sequences, numbers in every JSON spelling;
 * optionally whitespace anywhere JSON allows it.
 */
final class RandomJson {

    private static final String[] STRINGS = {
        "",
        "a",
        "abcdefghijklmnop",
        "Zürich",
        "😀",
        "\\u00fc",
        "\\n",
        "\\\"",
        "\\\\",
        "\\/",
        "\\ud83d\\ude00",
        "\\ud800",
        "x\\u0061y",
        "ڠ€",
        "\u007f",
        "long string with spaces in it"
    };
    private static final String[] NUMBERS = {
        "0", "-0", "1", "-12", "3.25", "1e5", "1E+2", "-2.5e-3", "123456789012345678901234567890"
    };
    private static final String[] NAMES = {
        "a", "b", "key", "long-attribute-name", "é", "k\\u0065y"
    };
    private static final String[] SPACES = {" ", "\n", "\t", "\r\n  "};

    private RandomJson() {}

    static String document(Random random, boolean decorate) {
        StringBuilder json = new StringBuilder();
        value(random, 0, decorate, json);
        space(random, decorate, json);
        return json.toString();
    }

    private static void value(Random random, int depth, boolean decorate, StringBuilder json) {
        space(random, decorate, json);
        int kind = depth > 4 ? 2 + random.nextInt(4) : random.nextInt(6);
        switch (kind) {
            case 0, 1 -> {
                boolean object = kind == 0;
                json.append(object ? '{' : '[');
                int members = random.nextInt(5);
                for (int i = 0; i < members; i++) {
                    if (i > 0) {
                        space(random, decorate, json);
                        json.append(',');
                    }
                    if (object) {
                        space(random, decorate, json);
                        // a random name may repeat: some objects hold duplicates
                        String name =
                                random.nextInt(3) == 0
                                        ? NAMES[random.nextInt(NAMES.length)]
                                        : "n" + depth + "_" + i;
                        json.append('"').append(name).append('"');
                        space(random, decorate, json);
                        json.append(':');
                    }
                    value(random, depth + 1, decorate, json);
                }
                space(random, decorate, json);
                json.append(object ? '}' : ']');
            }
            case 2 -> json.append('"').append(STRINGS[random.nextInt(STRINGS.length)]).append('"');
            case 3 -> json.append(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 4 -> json.append(random.nextInt(1000) / 8.0);
            default -> json.append(new String[] {"true", "false", "null"}[random.nextInt(3)]);
        }
    }

    private static void space(Random random, boolean decorate, StringBuilder json) {
        if (decorate && random.nextInt(3) == 0) {
            json.append(SPACES[random.nextInt(SPACES.length)]);
        }
    }
}
