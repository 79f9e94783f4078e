"""The booking side: engagements from first inquiry to settlement, holds, deals, money."""
