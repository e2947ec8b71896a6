package org.streamingest.job.sql;

import org.apache.flink.table.api.TableEnvironment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Flink's planner accepts the rewritten seed SELECT (names resolve, functions type-check). */
class FlinkSqlPlanTest {

    @Test
    void rewrittenSeedSelectPlansOnFlink() {
        TableEnvironment tEnv = FlinkSqlFixture.create();
        Statement.CreateMaterializedView view =
                (Statement.CreateMaterializedView)
                        new RedshiftSqlParser().parseScript(SelectRewriterTest.SEED_VIEW).get(0);

        String plan = tEnv.explainSql(view.query().flinkSql());

        assertThat(plan).contains("JSON_PARSE").contains("CAN_JSON_PARSE");
    }
}
