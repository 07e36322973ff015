package dev.crmkit.jdbc.internal;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.product.Product;
import dev.crmkit.core.spi.ProductStore;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A tenant's products. */
final class JdbcProducts implements ProductStore {

    private static final String COLUMNS = "product_no, customer_id, file_date, amount, status, version, created_at, updated_at";

    private final JdbcSession s;

    JdbcProducts(JdbcSession s) {
        this.s = s;
    }

    @Override
    public void insert(Product p) {
        s.checkWritable();
        s.sql("storing a product", c -> {
            if (find(p.productNo()).isPresent()) {
                // Checked first: on PostgreSQL a failed statement would end the whole unit of work.
                throw new ConflictException(ErrorCode.PRODUCT_NO_TAKEN, "a product " + p.productNo() + " exists");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO crm_product (" + COLUMNS + ", tenant) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(ps, p);
                ps.setString(9, s.tenantValue());
                ps.executeUpdate();
            }
            return null;
        });
    }

    @Override
    public boolean update(Product p, long expectedVersion) {
        s.checkWritable();
        return s.update("updating a product", "UPDATE crm_product SET product_no = ?, customer_id = ?, file_date = ?,"
                + " amount = ?, status = ?, version = ?, created_at = ?, updated_at = ?"
                + " WHERE tenant = ? AND product_no = ? AND version = ?", ps -> {
                    bind(ps, p);
                    ps.setString(9, s.tenantValue());
                    ps.setString(10, p.productNo());
                    ps.setLong(11, expectedVersion);
                }) == 1;
    }

    private void bind(PreparedStatement ps, Product p) throws SQLException {
        ps.setString(1, p.productNo());
        ps.setLong(2, p.customerId());
        if (p.fileDate() == null) {
            ps.setNull(3, Types.DATE);
        } else {
            cols().setDate(ps, 3, p.fileDate());
        }
        cols().setDecimal(ps, 4, p.amount());
        Columns.setString(ps, 5, p.status());
        ps.setLong(6, p.version());
        cols().setInstant(ps, 7, p.createdAt());
        cols().setInstant(ps, 8, p.updatedAt());
    }

    private Product read(ResultSet rs) throws SQLException {
        return new Product(rs.getString(1), rs.getLong(2), cols().date(rs, 3), cols().decimal(rs, 4), rs.getString(5),
                rs.getLong(6), cols().instant(rs, 7), cols().instant(rs, 8));
    }

    @Override
    public Optional<Product> find(String productNo) {
        s.checkOpen();
        return s.first("reading a product", "SELECT " + COLUMNS + " FROM crm_product WHERE tenant = ? AND product_no = ?",
                ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setString(2, productNo);
                }, this::read);
    }

    @Override
    public List<Product> listByCustomer(long customerId) {
        s.checkOpen();
        List<Product> out = new ArrayList<>(s.list("listing a customer's products", "SELECT " + COLUMNS
                + " FROM crm_product WHERE tenant = ? AND customer_id = ?", ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                }, this::read));
        // By code point, whatever the database's collation.
        out.sort(Comparator.comparing(Product::productNo));
        return out;
    }

    @Override
    public boolean delete(String productNo) {
        s.checkWritable();
        return s.update("removing a product", "DELETE FROM crm_product WHERE tenant = ? AND product_no = ?", ps -> {
            ps.setString(1, s.tenantValue());
            ps.setString(2, productNo);
        }) == 1;
    }

    @Override
    public int deleteByCustomer(long customerId) {
        s.checkWritable();
        return s.update("removing a customer's products", "DELETE FROM crm_product WHERE tenant = ? AND customer_id = ?",
                ps -> {
                    ps.setString(1, s.tenantValue());
                    ps.setLong(2, customerId);
                });
    }

    private Columns cols() {
        return s.columns();
    }
}
