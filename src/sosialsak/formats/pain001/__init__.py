"""ISO 20022 pain.001.001.03 (CustomerCreditTransferInitiationV03): credit-transfer files.

Pure in and out, no Django. ``build_pain001`` turns a ``PaymentMessage`` into the XML file a
Norwegian bank or the municipality's accounting system takes in; ``check_pain001`` is the
structural check documented in ``_check.py`` (required elements, their order, the namespace,
counts, control sums, amounts with two decimals, identifier lengths). The builder runs the
check on its own output, so a malformed file is never handed over.

What we generate (a subset of the schema): one ``GrpHdr`` (``MsgId``, ``CreDtTm``, ``NbOfTxs``,
``CtrlSum``, ``InitgPty``); one ``PmtInf`` per requested execution date with the debtor, the
debtor's account and agent; one ``CdtTrfTxInf`` per transfer with ``EndToEndId``, ``InstdAmt``
in NOK, the creditor, the creditor's Norwegian account as a BBAN in ``Othr/Id`` with
``SchmeNm/Cd`` = ``BBAN``, and either a KID (``RmtInf/Strd``, type ``SCOR``) or a free text
(``RmtInf/Ustrd``). Postal addresses are never written: a protected address must not leave us.
"""

from sosialsak.formats.pain001._build import (
    CreditTransfer,
    Debtor,
    Pain001Error,
    PaymentMessage,
    build_pain001,
)
from sosialsak.formats.pain001._check import NAMESPACE, check_pain001

__all__ = ["NAMESPACE", "CreditTransfer", "Debtor", "Pain001Error", "PaymentMessage",
           "build_pain001", "check_pain001"]
