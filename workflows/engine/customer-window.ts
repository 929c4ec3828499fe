/** How long a customer message keeps the WhatsApp customer-service window open. */
export const CUSTOMER_WINDOW_MS = 24 * 60 * 60 * 1000;

/** The part of FlowState the window depends on. */
export interface WindowClock {
  /** Epoch ms of the customer's latest message; null when they have not written in this run. */
  lastCustomerMessageAt: number | null;
}

/**
 * When the 24-hour customer-service window closes (epoch ms), or null when the customer never wrote.
 * Only customer messages open or renew it — our own messages, templates included, never do.
 */
export function windowClosesAt(state: WindowClock): number | null {
  return state.lastCustomerMessageAt === null ? null : state.lastCustomerMessageAt + CUSTOMER_WINDOW_MS;
}

/** Whether a non-template message may be sent at `now`. */
export function isWindowOpen(state: WindowClock, now: number): boolean {
  const closesAt = windowClosesAt(state);
  return closesAt !== null && now < closesAt;
}
