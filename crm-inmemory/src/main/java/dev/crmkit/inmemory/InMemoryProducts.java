package dev.crmkit.inmemory;

import dev.crmkit.core.ConflictException;
import dev.crmkit.core.ErrorCode;
import dev.crmkit.core.product.Product;
import dev.crmkit.core.spi.ProductStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** A tenant's products. */
final class InMemoryProducts extends SessionStore implements ProductStore {

    InMemoryProducts(InMemorySession session) {
        super(session);
    }

    @Override
    public void insert(Product product) {
        checkWritable();
        if (data.products.containsKey(product.productNo())) {
            throw new ConflictException(ErrorCode.PRODUCT_NO_TAKEN, "a product " + product.productNo() + " exists");
        }
        data.products.put(product.productNo(), product);
        undo.push(() -> data.products.remove(product.productNo()));
    }

    @Override
    public boolean update(Product product, long expectedVersion) {
        checkWritable();
        Product previous = data.products.get(product.productNo());
        if (previous == null || previous.version() != expectedVersion) {
            return false;
        }
        data.products.put(product.productNo(), product);
        undo.push(() -> data.products.put(previous.productNo(), previous));
        return true;
    }

    @Override
    public Optional<Product> find(String productNo) {
        checkOpen();
        return Optional.ofNullable(data.products.get(productNo));
    }

    @Override
    public List<Product> listByCustomer(long customerId) {
        checkOpen();
        List<Product> out = new ArrayList<>();
        for (Product p : data.products.values()) {
            if (p.customerId() == customerId) {
                out.add(p);
            }
        }
        out.sort(Comparator.comparing(Product::productNo));
        return out;
    }

    @Override
    public boolean delete(String productNo) {
        checkWritable();
        Product previous = data.products.remove(productNo);
        if (previous == null) {
            return false;
        }
        undo.push(() -> data.products.put(productNo, previous));
        return true;
    }

    @Override
    public int deleteByCustomer(long customerId) {
        checkWritable();
        List<Product> removed = listByCustomer(customerId);
        removed.forEach(p -> data.products.remove(p.productNo()));
        undo.push(() -> removed.forEach(p -> data.products.put(p.productNo(), p)));
        return removed.size();
    }
}
