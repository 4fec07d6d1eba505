// The Delivery target: SMTP mail, outbound webhooks and the outbox worker (being written).
