package org.streamingest.warehouse.procedure;

import org.streamingest.warehouse.WarehouseException;
import org.streamingest.warehouse.catalog.ObjectName;
import org.streamingest.warehouse.view.ViewQuery;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How the arguments of {@code CALL w.sys.create_materialized_view(...)} become a view's query. */
class CreateMaterializedViewProcedureTest {

    private final CreateMaterializedViewProcedure procedure =
            new CreateMaterializedViewProcedure(
                    "w",
                    session -> {
                        throw new AssertionError("no view service in this test");
                    });

    @Test
    void theCatalogsRelationsAreTheInputsAndTheDefinitionIsKept() {
        ViewQuery query =
                procedure.viewQuery(
                        "SELECT `a`, COUNT(*) AS `n` FROM `w`.`public`.`my_view` GROUP BY `a`",
                        "SELECT a, COUNT(*) AS n FROM my_view GROUP BY a",
                        new String[] {"a"});

        assertThat(query.flinkSql())
                .isEqualTo("SELECT `a`, COUNT(*) AS `n` FROM `public`.`my_view` GROUP BY `a`");
        assertThat(query.referencedTables()).containsExactly(new ObjectName("public", "my_view"));
        assertThat(query.redshiftSql())
                .isEqualTo("SELECT a, COUNT(*) AS n FROM my_view GROUP BY a");
        assertThat(query.groupByColumns()).containsExactly("a");
    }

    @Test
    void withoutADefinitionTheFlinkQueryIsKept() {
        ViewQuery query = procedure.viewQuery("SELECT * FROM `w`.`kds`.`s`", null, null);

        assertThat(query.redshiftSql()).isEqualTo("SELECT * FROM `w`.`kds`.`s`");
        assertThat(query.aggregating()).isFalse();
    }

    @Test
    void aQueryThatNamesNoRelationOfTheCatalogIsRefusedWithTheWayToNameThem() {
        assertThatThrownBy(() -> procedure.viewQuery("SELECT * FROM kds.s", null, null))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("name each with the catalog, such as `w`.`kds`.`my_stream`");
        assertThatThrownBy(() -> procedure.viewQuery(" ", null, null))
                .isInstanceOf(WarehouseException.class)
                .hasMessageContaining("Give the materialized view's query");
    }
}
