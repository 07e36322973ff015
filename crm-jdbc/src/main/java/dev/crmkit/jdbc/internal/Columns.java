package dev.crmkit.jdbc.internal;

import dev.crmkit.core.spi.SortKey;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Null-aware parameter setters and column getters for the types the schema uses. Instants,
 * decimals and dates are stored as each database has them: PostgreSQL in {@code timestamptz},
 * {@code numeric} and {@code date}; SQLite, which has no such types, as microseconds since the
 * epoch (an integer, so that sorting and comparing work in SQL), and decimals and dates as text
 * ({@link BigDecimal#toString()} keeps the scale, so 1.50 stays 1.50).
 */
abstract class Columns {

    static final Columns POSTGRESQL = new Columns() {
        @Override
        void setInstant(PreparedStatement ps, int i, Instant value) throws SQLException {
            if (value == null) {
                ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                ps.setObject(i, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
            }
        }

        @Override
        Instant instant(ResultSet rs, int i) throws SQLException {
            OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
            return t == null ? null : t.toInstant();
        }

        @Override
        void setDecimal(PreparedStatement ps, int i, BigDecimal value) throws SQLException {
            if (value == null) {
                ps.setNull(i, Types.NUMERIC);
            } else {
                ps.setBigDecimal(i, value);
            }
        }

        @Override
        BigDecimal decimal(ResultSet rs, int i) throws SQLException {
            return rs.getBigDecimal(i);
        }

        @Override
        void setDate(PreparedStatement ps, int i, LocalDate value) throws SQLException {
            if (value == null) {
                ps.setNull(i, Types.DATE);
            } else {
                ps.setObject(i, value);
            }
        }

        @Override
        LocalDate date(ResultSet rs, int i) throws SQLException {
            return rs.getObject(i, LocalDate.class);
        }
    };

    static final Columns SQLITE = new Columns() {
        @Override
        void setInstant(PreparedStatement ps, int i, Instant value) throws SQLException {
            if (value == null) {
                ps.setNull(i, Types.BIGINT);
            } else {
                ps.setLong(i, micros(value));
            }
        }

        @Override
        Instant instant(ResultSet rs, int i) throws SQLException {
            long micros = rs.getLong(i);
            return rs.wasNull() ? null : instant(micros);
        }

        @Override
        void setDecimal(PreparedStatement ps, int i, BigDecimal value) throws SQLException {
            setString(ps, i, value == null ? null : value.toString());
        }

        @Override
        BigDecimal decimal(ResultSet rs, int i) throws SQLException {
            String text = rs.getString(i);
            return text == null ? null : new BigDecimal(text);
        }

        @Override
        void setDate(PreparedStatement ps, int i, LocalDate value) throws SQLException {
            setString(ps, i, value == null ? null : value.toString());
        }

        @Override
        LocalDate date(ResultSet rs, int i) throws SQLException {
            String text = rs.getString(i);
            return text == null ? null : LocalDate.parse(text);
        }
    };

    private Columns() {
    }

    abstract void setInstant(PreparedStatement ps, int i, Instant value) throws SQLException;

    abstract Instant instant(ResultSet rs, int i) throws SQLException;

    abstract void setDecimal(PreparedStatement ps, int i, BigDecimal value) throws SQLException;

    abstract BigDecimal decimal(ResultSet rs, int i) throws SQLException;

    abstract void setDate(PreparedStatement ps, int i, LocalDate value) throws SQLException;

    abstract LocalDate date(ResultSet rs, int i) throws SQLException;

    static void setString(PreparedStatement ps, int i, String value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, value);
        }
    }

    static void setLong(PreparedStatement ps, int i, Long value) throws SQLException {
        if (value == null) {
            ps.setNull(i, Types.BIGINT);
        } else {
            ps.setLong(i, value);
        }
    }

    static Long nullableLong(ResultSet rs, int i) throws SQLException {
        long v = rs.getLong(i);
        return rs.wasNull() ? null : v;
    }

    static long micros(Instant instant) {
        return SortKey.micros(instant);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
