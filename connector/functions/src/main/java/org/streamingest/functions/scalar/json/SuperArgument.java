package org.streamingest.functions.scalar.json;

import org.streamingest.functions.inference.Arg;
import org.streamingest.functions.inference.Overload;
import org.streamingest.functions.inference.SignatureStrategy;
import org.streamingest.functions.json.Snippets;
import org.streamingest.functions.json.SuperKind;
import org.streamingest.functions.json.SuperValues;

import org.apache.flink.table.api.TableRuntimeException;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.inference.InputTypeStrategy;

/** Reading the single SUPER argument of JSON_TYPEOF, JSON_SIZE and the IS_* type tests. */
final class SuperArgument {

    private SuperArgument() {}

    /** One SUPER argument named {@code super_expression}, as Redshift documents them. */
    static InputTypeStrategy strategy(String function) {
        return SignatureStrategy.of(function, Overload.of(Arg.superValue("super_expression")));
    }

    /** The kind of the value, failing with a clear message if the text is not a SUPER value. */
    static SuperKind kind(String function, byte[] json) {
        try {
            return SuperValues.kind(json);
        } catch (IllegalArgumentException e) {
            throw notSuper(function, json);
        }
    }

    static TableRuntimeException notSuper(String function, byte[] json) {
        return new TableRuntimeException(
                function
                        + ": the argument is not a SUPER value (JSON text as JSON_PARSE returns"
                        + " it); it starts with "
                        + Snippets.prefix(json)
                        + ". Convert text with JSON_PARSE first.");
    }

    static byte[] bytes(StringData value) {
        return SuperValues.decode(value);
    }
}
