package dev.crmkit.core.result;

/** The values an application of a result code may carry. */
public enum ResultParameter {
    /** When to act next (the customer's actionAt). */
    ACTION_DATE,
    /** An amount of money, not negative. */
    AMOUNT,
    /** The number of installments ("Taksit Sayısı"), 1 or more. */
    INSTALLMENTS,
    /** Free text. */
    NOTE
}
