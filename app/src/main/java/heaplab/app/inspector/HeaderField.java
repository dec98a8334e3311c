package heaplab.app.inspector;

/**
 * One decoded field of the selected block, a row of the inspector's property sheet.
 *
 * @param category    the sheet's group ("Block", "_HEAP_ENTRY", "Allocation")
 * @param name        the field's name as the structure spells it (`Size`, `PreviousSize`)
 * @param value       its value as shown
 * @param description what it means, for the tooltip
 */
public record HeaderField(String category, String name, String value, String description) {
}
