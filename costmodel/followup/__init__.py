"""Follow-up of the accounts against the plan (contract 1.3, «oppfølging»): reading the ERP's exports
(read.py) and the figures of status, forecast, deviations and gains (status.py)."""
