package dev.crmkit.core.spi;

import dev.crmkit.core.product.Product;
import java.util.List;
import java.util.Optional;

/** Products of one tenant. */
public interface ProductStore {

    /**
     * Stores a new product.
     *
     * @throws dev.crmkit.core.ConflictException {@code PRODUCT_NO_TAKEN} if the number exists
     */
    void insert(Product product);

    /** Replaces the product with the same number if it is at {@code expectedVersion}; false otherwise. */
    boolean update(Product product, long expectedVersion);

    Optional<Product> find(String productNo);

    /** The customer's products, by product number. */
    List<Product> listByCustomer(long customerId);

    /** Removes a product; false if there was none. */
    boolean delete(String productNo);

    /** Removes the customer's products (the customer is being deleted); returns how many. */
    int deleteByCustomer(long customerId);
}
