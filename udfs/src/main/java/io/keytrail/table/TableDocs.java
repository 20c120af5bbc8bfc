package io.keytrail.table;

/** The README's schema tables, rendered from the schemas themselves so that they cannot drift. */
public final class TableDocs {
    private TableDocs() {}

    public static String markdown(TableSchema<?> t) {
        StringBuilder b = new StringBuilder();
        b.append("### `").append(t.name).append("`\n\n").append(t.doc).append("\n\n");
        b.append("| column | Parquet type | null? | meaning |\n| --- | --- | --- | --- |\n");
        for (Column<?> c : t.columns()) {
            b.append("| `").append(c.name).append("` | ").append(c.type.sqlName()).append(" | ")
                    .append(c.nullable ? "yes" : "no").append(" | ").append(c.doc).append(" |\n");
        }
        return b.toString();
    }

    public static void main(String[] args) {
        for (TableSchema<?> t : Tables.ALL) System.out.println(markdown(t));
    }
}
