package org.streamingest.functions.scalar.json;

import org.streamingest.functions.json.SuperKind;
import org.streamingest.functions.json.SuperValues;

/** Redshift's SUPER type information predicates (IS_ARRAY ... IS_VARCHAR). */
public enum SuperTypePredicate {
    IS_ARRAY {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind == SuperKind.ARRAY;
        }
    },
    IS_OBJECT {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind == SuperKind.OBJECT;
        }
    },
    /** Any value that is not an array, an object or null. */
    IS_SCALAR {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind != SuperKind.ARRAY && kind != SuperKind.OBJECT && kind != SuperKind.NULL;
        }
    },
    IS_BOOLEAN {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind == SuperKind.BOOLEAN;
        }
    },
    /** Numbers of scale 0 in the 16-bit range. */
    IS_SMALLINT {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind == SuperKind.SMALLINT;
        }
    },
    /** Numbers of scale 0 in the 32-bit range (a superset of IS_SMALLINT). */
    IS_INTEGER {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind == SuperKind.SMALLINT || kind == SuperKind.INTEGER;
        }
    },
    /** Numbers of scale 0 in the 64-bit range (a superset of IS_INTEGER). */
    IS_BIGINT {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind.isInteger();
        }
    },
    /** Numbers that are not floating point (a superset of IS_BIGINT). */
    IS_DECIMAL {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind.isInteger() || kind == SuperKind.DECIMAL;
        }
    },
    /** Floating point numbers (disjoint from IS_DECIMAL). */
    IS_FLOAT {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind == SuperKind.FLOAT;
        }
    },
    IS_VARCHAR {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind == SuperKind.STRING;
        }
    },
    /** Strings of ASCII characters only (CHAR holds only ASCII). */
    IS_CHAR {
        @Override
        boolean test(SuperKind kind, byte[] json) {
            return kind == SuperKind.STRING && SuperValues.isAsciiString(json);
        }
    };

    abstract boolean test(SuperKind kind, byte[] json);
}
