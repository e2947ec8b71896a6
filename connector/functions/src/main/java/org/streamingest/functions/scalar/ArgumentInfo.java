package org.streamingest.functions.scalar;

import org.apache.flink.table.types.logical.LogicalType;

/** What planning knows about one argument of a call: its type and whether it is a literal. */
public record ArgumentInfo(LogicalType type, boolean literal) {}
