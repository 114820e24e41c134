"""Insight for the leder and the Statsforvalter (issue 15 items 3–6): the national-goal
indicators with the cases behind them, stock and flows of recipients by month, and what a
proposed rate set would change. Reads only; every list of cases is audited."""
