package org.streamingest.gateway;

import org.streamingest.connector.kinesis.table.KinesisDynamicTableFactory;
import org.streamingest.job.sql.RedshiftSqlException;
import org.streamingest.job.sql.RedshiftSqlParser;
import org.streamingest.job.sql.ScriptStatement;
import org.streamingest.job.sql.Statement;
import org.streamingest.job.sql.StatementSplitter;
import org.streamingest.warehouse.catalog.ObjectName;

import org.apache.flink.configuration.ExecutionOptions;
import org.apache.flink.table.factories.FactoryUtil;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns one statement a client sent into what the gateway runs, in the session's warehouse catalog
 * ({@code sql-gateway.endpoint.redshift.catalog}, {@code w} by default):
 *
 * <ul>
 *   <li>{@code CREATE EXTERNAL SCHEMA}: {@code CALL w.sys.create_external_schema(...)};
 *   <li>{@code CREATE MATERIALIZED VIEW ... [AUTO REFRESH YES|NO] AS SELECT}: {@code CALL
 *       w.sys.create_materialized_view(...)} with the query in Flink SQL, so the view is the CLI's
 *       (its pipeline at the warehouse's {@code auto-refresh.interval}, GROUP BY views and views
 *       over views included);
 *   <li>{@code REFRESH} and {@code ALTER ... AUTO REFRESH}: the procedures of the same names;
 *   <li>{@code DROP MATERIALIZED VIEW}: {@code DROP MATERIALIZED TABLE}; {@code DROP SCHEMA}:
 *       {@code DROP DATABASE};
 *   <li>{@code SET name TO value}: {@code SET 'redshift.name' = 'value'}, so the session keeps it
 *       ({@code enable_case_sensitive_identifier} changes how later statements fold names);
 *   <li>a SELECT on the warehouse's relations: the front end's Flink SQL (SUPER navigation, {@code
 *       ::} casts, names as Redshift folds them), run in batch mode unless it reads a stream.
 * </ul>
 *
 * A statement only Redshift has that the front end rejects fails with the front end's message. A
 * SELECT or SET that is not Redshift SQL, or a SELECT on relations the warehouse does not have, and
 * every other statement, go through unchanged: plain Flink SQL works in the same session.
 */
final class RedshiftTranslator {

    /** Redshift's settings are kept in the session's configuration under this prefix. */
    static final String SETTING_PREFIX = "redshift.";

    private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_$]*");

    private final String catalog;

    RedshiftTranslator(String catalog) {
        this.catalog = catalog;
    }

    String catalog() {
        return catalog;
    }

    /** What the gateway runs for {@code sql} in {@code session}. */
    Translation translate(String sql, SessionView session) {
        List<ScriptStatement> statements = StatementSplitter.split(sql);
        if (statements.size() != 1) {
            return Translation.unchanged(sql);
        }
        ScriptStatement statement = statements.get(0);
        RedshiftSqlParser.Dialect dialect = RedshiftSqlParser.dialectOf(statement);
        if (dialect == RedshiftSqlParser.Dialect.OTHER) {
            return Translation.unchanged(sql);
        }
        Statement parsed;
        try {
            parsed = parser(session).parse(statement);
        } catch (RedshiftSqlException e) {
            if (dialect == RedshiftSqlParser.Dialect.EITHER) {
                return Translation.unchanged(sql);
            }
            throw e;
        }
        if (parsed instanceof Statement.SetOption set) {
            return Translation.redshift(
                    "SET " + literal(SETTING_PREFIX + set.name()) + " = " + literal(set.value()));
        }
        if (parsed instanceof Statement.Query query) {
            return query(sql, query, session);
        }
        requireCatalog(session);
        return Translation.redshift(ddl(parsed));
    }

    /** A parser that folds names as the session's {@code enable_case_sensitive_identifier} says. */
    private RedshiftSqlParser parser(SessionView session) {
        String setting =
                session.config()
                        .getOrDefault(
                                SETTING_PREFIX + RedshiftSqlParser.CASE_SENSITIVE_IDENTIFIER,
                                "false");
        boolean caseSensitive =
                List.of("true", "on").contains(setting.trim().toLowerCase(Locale.ROOT));
        return new RedshiftSqlParser(catalog).caseSensitiveIdentifiers(caseSensitive);
    }

    private Translation query(String sql, Statement.Query query, SessionView session) {
        if (!session.hasCatalog(catalog)) {
            return Translation.unchanged(sql);
        }
        boolean readsStream = false;
        for (ObjectName relation : query.referencedTables()) {
            Optional<Map<String, String>> options = session.relation(catalog, relation);
            if (options.isEmpty()) {
                return Translation.unchanged(sql); // not the warehouse's: a Flink query
            }
            readsStream |=
                    KinesisDynamicTableFactory.IDENTIFIER.equals(
                            options.get().get(FactoryUtil.CONNECTOR.key()));
        }
        // A view is read at its committed snapshot, and the query ends: a streaming read of an
        // Iceberg table would not. A stream has no end, so a query on one streams its records.
        return new Translation(
                query.flinkSql(),
                readsStream ? Map.of() : Map.of(ExecutionOptions.RUNTIME_MODE.key(), "batch"),
                true);
    }

    private String ddl(Statement parsed) {
        if (parsed instanceof Statement.CreateExternalSchema create) {
            List<String> arguments = new ArrayList<>();
            arguments.add(literal(create.schema()));
            arguments.add(literal(create.iamRole()));
            if (create.region() != null || create.ifNotExists()) {
                arguments.add(
                        create.region() == null
                                ? "CAST(NULL AS STRING)"
                                : literal(create.region()));
            }
            if (create.ifNotExists()) {
                arguments.add("TRUE");
            }
            return call("create_external_schema", arguments);
        }
        if (parsed instanceof Statement.CreateMaterializedView create) {
            Statement.Query query = create.query();
            List<String> arguments = new ArrayList<>();
            arguments.add(viewArgument(create.name()));
            arguments.add(literal(query.flinkSql()));
            arguments.add(bool(create.autoRefresh()));
            arguments.add(literal(query.redshiftSql()));
            if (query.aggregating()) {
                arguments.add(
                        "ARRAY["
                                + String.join(
                                        ", ",
                                        query.groupByColumns().stream()
                                                .map(RedshiftTranslator::literal)
                                                .toList())
                                + "]");
            }
            return call("create_materialized_view", arguments);
        }
        if (parsed instanceof Statement.RefreshMaterializedView refresh) {
            return refresh.cascade()
                    ? call("refresh_materialized_view", viewArgument(refresh.name()), "TRUE")
                    : call("refresh_materialized_view", viewArgument(refresh.name()));
        }
        if (parsed instanceof Statement.AlterMaterializedViewAutoRefresh alter) {
            return call(
                    "alter_auto_refresh", viewArgument(alter.name()), bool(alter.autoRefresh()));
        }
        if (parsed instanceof Statement.DropMaterializedView drop) {
            if (drop.cascade()) {
                throw new RedshiftSqlException(
                        drop.position(),
                        "DROP MATERIALIZED VIEW ... CASCADE is not supported through the SQL"
                                + " gateway: drop the views that read "
                                + drop.name()
                                + " first, or run the statement with the streaming-ingest CLI.");
            }
            return "DROP MATERIALIZED TABLE "
                    + (drop.ifExists() ? "IF EXISTS " : "")
                    + relation(drop.name());
        }
        if (parsed instanceof Statement.DropSchema drop) {
            return "DROP DATABASE "
                    + (drop.ifExists() ? "IF EXISTS " : "")
                    + ObjectName.quote(catalog)
                    + "."
                    + ObjectName.quote(drop.schema())
                    + (drop.cascade() ? " CASCADE" : " RESTRICT");
        }
        if (parsed instanceof Statement.AlterMaterializedViewQuery alter) {
            throw new RedshiftSqlException(
                    alter.position(),
                    "ALTER MATERIALIZED VIEW ... AS SELECT is not supported through the SQL"
                            + " gateway: run it with the streaming-ingest CLI.");
        }
        throw new RedshiftSqlException(
                parsed.position(), "Unsupported statement: " + parsed.getClass().getSimpleName());
    }

    private void requireCatalog(SessionView session) {
        if (!session.hasCatalog(catalog)) {
            throw new RedshiftSqlException(
                    null,
                    "Redshift statements act on the warehouse's catalog "
                            + ObjectName.quote(catalog)
                            + " (sql-gateway.endpoint.redshift.catalog), which this session does"
                            + " not have. Start the SQL client with the init script"
                            + " (sql-client.sh gateway -e HOST:PORT -i init.sql) or run its CREATE"
                            + " CATALOG "
                            + catalog
                            + " WITH ('type' = 'streaming-warehouse', ...).");
        }
    }

    private String call(String procedure, List<String> arguments) {
        return "CALL "
                + ObjectName.quote(catalog)
                + ".`sys`."
                + ObjectName.quote(procedure)
                + "("
                + String.join(", ", arguments)
                + ")";
    }

    private String call(String procedure, String... arguments) {
        return call(procedure, List.of(arguments));
    }

    private String relation(ObjectName name) {
        return ObjectName.quote(catalog) + "." + name.flink();
    }

    /**
     * A view as the procedures read their argument: {@code schema.name}, a part that is not a plain
     * lower-case name in double quotes (its case and dots kept).
     */
    static String viewArgument(ObjectName name) {
        return literal(part(name.schema()) + "." + part(name.name()));
    }

    private static String part(String name) {
        return PLAIN_NAME.matcher(name).matches() ? name : "\"" + name.replace("\"", "\"\"") + "\"";
    }

    /** A Flink SQL string literal. */
    static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }

    private static String bool(boolean value) {
        return value ? "TRUE" : "FALSE";
    }
}
