"""Services offered by the network's organisations (Open Referral HSDS naming where it fits)."""
