package org.streamingest.functions;

import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.factories.ModuleFactory;
import org.apache.flink.table.module.Module;

import java.util.Set;

/** Makes {@code LOAD MODULE redshift} find {@link RedshiftModule}. The module takes no options. */
public final class RedshiftModuleFactory implements ModuleFactory {

    public static final String IDENTIFIER = "redshift";

    @Override
    public String factoryIdentifier() {
        return IDENTIFIER;
    }

    @Override
    public Set<ConfigOption<?>> requiredOptions() {
        return Set.of();
    }

    @Override
    public Set<ConfigOption<?>> optionalOptions() {
        return Set.of();
    }

    @Override
    public Module createModule(Context context) {
        FactoryUtil.createModuleFactoryHelper(this, context).validate();
        return RedshiftModule.INSTANCE;
    }
}
