"""Views of the reimbursement app, one module per area:

- `griffie`: the overview of the griffie workspace (/griffie/<code>/, the claims queue), one
  claim, bulk approval, and the prior approvals and direct payments (/griffie/<code>/toestemming/);
- `griffie_budget`: the training policy, the budget overview and the exports;
- `member`: the member's claims (/mijn/declaraties/) and requests (/mijn/toestemming/);
- `moved`: permanent redirects from the workspace's old addresses;
- `files`: the PDF and invoice responses that griffie and member pages share.

Thin: every griffie page finds its authority with
`glashelder.offices.selectors.griffie_authority(user, code)` and every object through a
queryset of that authority (`selectors`); every change goes through `services`.
"""
