import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

BUDGETS = ROOT / "budgets"

# Saved and shared scenarios of the tests go to a folder of their own, never into the checkout's scenarier/.
os.environ.setdefault("COSTMODEL_USER_DIR", tempfile.mkdtemp(prefix="kostnadsmodell-tester-"))
