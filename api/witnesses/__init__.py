"""Protected persons (art. 46: witnesses and whistleblowers): sealed identity, risk, protection measures."""
