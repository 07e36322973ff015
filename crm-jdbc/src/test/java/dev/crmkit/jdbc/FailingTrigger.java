package dev.crmkit.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** An H2 trigger that fails the statement storing a customer named {@value #NAME}. */
public final class FailingTrigger implements Trigger {

    /** The name that makes a write fail. */
    public static final String NAME = "Bozuk Kayıt";

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null) {
            for (Object value : newRow) {
                if (NAME.equals(value)) {
                    throw new SQLException("injected failure", "XX000");
                }
            }
        }
    }
}
