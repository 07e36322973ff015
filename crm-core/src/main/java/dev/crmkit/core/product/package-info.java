/**
 * Products ("Ürünler"): a customer's files, loans or contracts, each with a product number unique
 * in the tenant, and the history of the actions taken on it (result codes applied to it).
 */
@NullMarked
package dev.crmkit.core.product;

import org.jspecify.annotations.NullMarked;
