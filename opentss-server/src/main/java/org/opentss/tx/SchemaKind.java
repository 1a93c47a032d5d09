package org.opentss.tx;

/** Which kind of transaction schema a request carried (sign-de-v2.md §8.3). */
public enum SchemaKind {
    /** No schema, or a {@code raw} schema with empty process_type and process_data (§8.2 rule 1). */
    NONE,
    /** {@code standard_v1.receipt} → {@code Kassenbeleg-V1}. */
    RECEIPT,
    /** {@code standard_v1.order} → {@code Bestellung-V1}. */
    ORDER,
    /** {@code standard_v1.other} → {@code SonstigerVorgang}. */
    OTHER,
    /** {@code raw}: process type and data given by the caller. */
    RAW
}
