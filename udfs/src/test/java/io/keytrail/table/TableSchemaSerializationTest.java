package io.keytrail.table;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TableSchemaSerializationTest {
    @Test
    void everyTableArrivesAsTheSameSchemaInstance() throws Exception {
        // A writer factory holding the schema, as FileSink ships it to a task.
        ArrayList<TableSchema<?>> sent = new ArrayList<>(Tables.ALL);
        @SuppressWarnings("unchecked")
        List<TableSchema<?>> received = (List<TableSchema<?>>) roundTrip(sent);
        for (int i = 0; i < sent.size(); i++) assertSame(sent.get(i), received.get(i), sent.get(i).name);
    }

    @Test
    void aSchemaOutsideTheCatalogueIsRefusedByName() {
        TableSchema<String> adHoc = TableSchema.<String>builder("scratch", "not a KeyTrail table")
                .required("v", ColumnType.STRING, s -> s, "value").build();
        NotSerializableException e = assertThrows(NotSerializableException.class, () -> roundTrip(adHoc));
        assertTrue(e.getMessage().contains("scratch"), e.getMessage());
    }

    private static Object roundTrip(Object o) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(o);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
