package org.streamingest.job.sql;

import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.view.ViewQuery;

import java.util.List;
import java.util.Objects;

/**
 * One parsed Redshift statement of a script. The front end ({@code RedshiftSqlParser}) produces
 * these; the warehouse executes them. Names are already case-folded as Redshift would (unquoted
 * identifiers to lower case; quoted ones keep their case only with {@code
 * enable_case_sensitive_identifier}).
 */
public sealed interface Statement {

    /** Where the statement starts in its script, for error messages. */
    SourcePosition position();

    /** {@code CREATE EXTERNAL SCHEMA [IF NOT EXISTS] s FROM KINESIS [REGION 'r'] IAM_ROLE ...}. */
    record CreateExternalSchema(
            SourcePosition position,
            String schema,
            boolean ifNotExists,
            String region,
            String iamRole)
            implements Statement {
        public CreateExternalSchema {
            Objects.requireNonNull(schema, "schema");
            Objects.requireNonNull(iamRole, "iamRole"); // "default" or an IAM role ARN
        }
    }

    /** {@code DROP SCHEMA [IF EXISTS] s [CASCADE|RESTRICT]}. */
    record DropSchema(SourcePosition position, String schema, boolean ifExists, boolean cascade)
            implements Statement {}

    /** {@code CREATE MATERIALIZED VIEW v [AUTO REFRESH YES|NO] AS SELECT ...}. */
    record CreateMaterializedView(
            SourcePosition position, ObjectName name, boolean autoRefresh, Query query)
            implements Statement {}

    /** {@code ALTER MATERIALIZED VIEW v AUTO REFRESH YES|NO}. */
    record AlterMaterializedViewAutoRefresh(
            SourcePosition position, ObjectName name, boolean autoRefresh) implements Statement {}

    /**
     * {@code ALTER MATERIALIZED VIEW v AS SELECT ...} (as Flink's {@code ALTER MATERIALIZED TABLE t
     * AS}, not in Redshift): a new query with the same columns; a view on a stream continues from
     * where its last refresh stopped, keeping its rows.
     */
    record AlterMaterializedViewQuery(SourcePosition position, ObjectName name, Query query)
            implements Statement {}

    /**
     * {@code DROP MATERIALIZED VIEW [IF EXISTS] v [CASCADE|RESTRICT]}: CASCADE also drops the
     * materialized views that read {@code v}; RESTRICT (the default) refuses while there are any.
     */
    record DropMaterializedView(
            SourcePosition position, ObjectName name, boolean ifExists, boolean cascade)
            implements Statement {}

    /**
     * {@code REFRESH MATERIALIZED VIEW v [RESTRICT|CASCADE]}: CASCADE first refreshes the
     * materialized views {@code v} reads, bottom up, as in Redshift; RESTRICT (the default) only
     * {@code v}.
     */
    record RefreshMaterializedView(SourcePosition position, ObjectName name, boolean cascade)
            implements Statement {}

    /** {@code SET name TO|= value} (for example {@code enable_case_sensitive_identifier}). */
    record SetOption(SourcePosition position, String name, String value) implements Statement {}

    /**
     * A SELECT, as written and as rewritten to Flink SQL; {@code scanSql} is every record of the
     * one stream it reads with whether its WHERE skips it ({@link ScanQuery}), or {@code null}.
     */
    record Query(
            SourcePosition position,
            String redshiftSql,
            String flinkSql,
            List<ObjectName> referencedTables,
            List<String> groupByColumns,
            String scanSql)
            implements Statement {
        public Query {
            referencedTables = List.copyOf(referencedTables);
            groupByColumns = List.copyOf(groupByColumns);
        }

        /** A query whose skipped records are not known. */
        public Query(
                SourcePosition position,
                String redshiftSql,
                String flinkSql,
                List<ObjectName> referencedTables,
                List<String> groupByColumns) {
            this(position, redshiftSql, flinkSql, referencedTables, groupByColumns, null);
        }

        /** True for a query whose result is keyed by GROUP BY columns (an upserting view). */
        public boolean aggregating() {
            return !groupByColumns.isEmpty();
        }

        /** The query as the view service takes it. */
        public ViewQuery view() {
            return new ViewQuery(redshiftSql, flinkSql, referencedTables, groupByColumns, scanSql);
        }
    }
}
