# A function the script defines that returns its argument rounded rounds the column it is given; one that does not, does not.
import pandas as pd
conn = connect()
dest = pd.read_sql("SELECT NCCIS_PupilMatchingRefAnonymous AS pmr, NCCIS_Gender AS sex, NCCIS_SEND_flag AS send FROM npd_i2.dbo.nccis_2011_to_2021", conn)


def to_base(value):
    """Rounds counts to the nearest 5."""
    return 5 * (value / 5).round()


def tidy(value):
    return value.astype(int)


by_sex = dest.groupby("sex").size().reset_index(name="n")
by_sex = by_sex[by_sex["n"] >= 10]
by_sex["n"] = to_base(by_sex["n"])
by_sex.to_csv("outputs/by_sex.csv", index=False)
by_send = dest.groupby("send").size().reset_index(name="n")
by_send = by_send[by_send["n"] >= 10]
by_send["n"] = tidy(by_send["n"])
by_send.to_csv("outputs/by_send.csv", index=False)  #> SDC022
