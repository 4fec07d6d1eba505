// Tests of the Delivery target (being written).
