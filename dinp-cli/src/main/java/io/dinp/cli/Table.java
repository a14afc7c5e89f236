package io.dinp.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header and rows, columns padded to their widest cell. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean header;

    Table(String... header) {
        this.header = header.length > 0 && !String.join("", header).isEmpty();
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = cells[i] == null ? "-" : cells[i].toString().replace('\n', ' ');
        }
        rows.add(r);
        return this;
    }

    boolean isEmpty() {
        return rows.size() == 1;
    }

    void print(PrintStream out) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols && i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        StringBuilder s = new StringBuilder();
        for (String[] r : header ? rows : rows.subList(1, rows.size())) {
            s.setLength(0);
            for (int i = 0; i < cols; i++) {
                String cell = i < r.length ? r[i] : "";
                s.append(cell);
                if (i < cols - 1) {
                    s.append(" ".repeat(width[i] - cell.length() + 2));
                }
            }
            out.println(s.toString().stripTrailing());
        }
    }
}
