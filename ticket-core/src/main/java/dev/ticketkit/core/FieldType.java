package dev.ticketkit.core;

/** The type of a custom field; a {@link FieldValue} must match its field's type. */
public enum FieldType {
    TEXT, NUMBER, BOOLEAN, DATE, SINGLE_SELECT, MULTI_SELECT
}
