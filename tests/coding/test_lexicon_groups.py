"""One sentence per lexicon group added for the article gold's miss classes: each group's
reason says why a codebook codes such sentences so. Sentences are our own."""

from __future__ import annotations

import pytest

import tieline

CASES = [
    # an obligation in a speech complement is a demand also when its verb is a copula
    ("Merkel told Putin that Russia must be part of the solution.", "DEU", "RUS", "100"),
    # a claim's that-clause reporting another's wrongdoing accuses it (112), as "said" does;
    # an accused no one can name is the place it acts from
    ("Pakistan reiterated the claim that the attack was orchestrated by militants in Afghanistan.",
     "PAK", "AFG", "112"),
    ("Pakistan said the attack was orchestrated by terrorists operating from Afghanistan.", "PAK", "AFG", "112"),
    ("India reiterated its allegation that the bombing was masterminded by Pakistan.", "IND", "PAK", "112"),
    # ejecting or defeating an armed enemy is armed force (190); defeating a rival party is none
    ("The SDF has taken the lead role in ejecting the Islamic State from its strongholds.", "SYR", "IMG", "190"),
    ("Iraqi forces defeated the militants in Mosul.", "IRQ", "IRQ", "190"),
    # being in someone's custody or prison is detention the subject underwent (173)
    ("The two Britons are currently in Kurdish custody in Syria.", "SYR", "GBR", "173"),
    ("The journalist is in Iranian custody.", "IRN", "IRN", "173"),
    ("Three Australian men are in Turkish prisons.", "TUR", "AUS", "173"),
    # opposing another's acts is an objection (110); opposing a proposal rejects it (120)
    ("The United States firmly opposes China's maritime expansion.", "USA", "CHN", "110"),
    ("Germany opposed the Russian invasion of Ukraine from the start.", "DEU", "RUS", "110"),
    ("Israel opposed the French peace proposal.", "ISR", "FRA", "120"),
    # pushing an enemy out or repelling an attack is armed force (190)
    ("The militants were pushed out of Mosul by the Iraqi army.", "IRQ", "IRQ", "190"),
    ("Ukrainian forces repelled a Russian assault near Bakhmut.", "UKR", "RUS", "190"),
    # a military standoff is a show of force (150); a diplomatic one is none
    ("India has been locked in a border standoff with China.", "IND", "CHN", "150"),
    # an as-phrase the parser hangs on the object still says what the object is taken as
    ("Pakistani officials said the BLA militants were holding passengers as human shields.", "PAK", "PAK", "184"),
    # extricating one's troops from a country withdraws them (0874)
    ("The Pentagon extricated its 2,000 troops from Syria in January.", "USA", "SYR", "0874"),
    # bandits and captors are criminals (sectors.yaml CRM), lent the sentence's one country
    ("Bandits abducted 279 schoolgirls in Nigeria.", "NGA", "NGA", "181"),
    # designating or listing a group as terrorist is an administrative sanction (172)
    ("The United States designated the Baloch Liberation Army as a terrorist group.", "USA", "PAK", "172"),
    ("Britain proscribed the Iranian militia on Monday.", "GBR", "IRN", "172"),
    # punitive measures against a state are sanctions (163)
    ("China's punitive measures against Australia hit wine exports.", "CHN", "AUS", "163"),
    ("Moscow announced retaliatory measures against Poland.", "RUS", "POL", "163"),
    # an insurgency fought against a state is armed force (190)
    ("The Baloch Liberation Army has fought a deadly insurgency against the Pakistani state.", "PAK", "PAK", "190"),
    # "at the hands of" names the doer as a by-phrase does
    ("The Yemeni journalist was killed at the hands of Houthi rebels.", "YEM", "YEM", "190"),
    ("The Saudi journalist's killing at the hands of Houthi rebels shocked the region.", "YEM", "SAU", "190"),
    # a praising word given as a name is praise (051)
    ("Trump actually calls President Xi a dear friend.", "USA", "CHN", "051"),
    ("Modi described Putin as a great friend of India.", "IND", "RUS", "051"),
    # rejections, vetoes, praise and apologies written as nouns code as their verbs do
    ("Bangladesh's firm rejection of the British proposal angered London.", "BGD", "GBR", "120"),
    ("Russia's veto of the US resolution drew criticism.", "RUS", "USA", "129"),
    ("Modi's praise for Japan surprised analysts.", "IND", "JPN", "051"),
    ("Tokyo's apology to Seoul was welcomed.", "JPN", "KOR", "055"),
    # calls by phone are consultations (041)
    ("The Indian foreign minister spoke by phone with his Chinese counterpart on Monday.", "IND", "CHN", "041"),
    ("Macron talked by telephone with Zelensky about the ceasefire.", "FRA", "UKR", "041"),
    # verbs of disparagement are criticism (111)
    ("Erdogan denigrated the European Union in a speech.", "TUR", "IGO", "111"),
    ("Venezuela lambasted Colombia over the border closure.", "VEN", "COL", "111"),
    ("Iran lashed out at Saudi Arabia on Sunday.", "IRN", "SAU", "111"),
    # blocking a deal refuses material cooperation (121); blocking a resolution or using a veto (129)
    ("Washington blocked the sale of drones to Turkey.", "USA", "TUR", "121"),
    ("China used its veto at the Security Council.", "CHN", "IGO", "129"),
    # stone throwing at police is a violent protest (145)
    ("Kashmiri protesters threw stones at Indian police.", "IND", "IND", "145"),
    # retaking ground from a side occupies it (192)
    ("Iraqi troops reclaimed the town of Tal Afar from Islamic State.", "IRQ", "IMG", "192"),
    ("Afghan forces regained control of the district from the Taliban.", "AFG", "AFG", "192"),
    # an act one is due to do is an intent (036 for a meeting); a timetabled one is the act
    ("Modi is due to meet Biden in Washington next week.", "IND", "USA", "036"),
    ("Lula is scheduled to attend a summit in Beijing in April.", "BRA", "CHN", "040"),
    # calling or requesting a meeting asks others to meet (026); convening one meets them (04)
    ("Russia called an emergency meeting of the Security Council.", "RUS", "IGO", "026"),
    ("Iran requested talks with the European Union.", "IRN", "IGO", "026"),
    ("China will convene a meeting in Beijing with Iran and Russia on Friday.", "CHN", "IRN", "036"),
    ("The Arab League convened a summit with Egypt in Cairo.", "IGO", "EGY", "040"),
    # a meeting asked for in a reduced relative: the by-agent asks the body (026)
    ("Diplomats spoke ahead of a meeting of the U.N. Security Council requested by France and Japan "
     "to discuss the missile tests.", "JPN", "IGO", "026"),
    # who acts "along with" the subject acts too
    ("The United States, along with Britain, called a private meeting of the Security Council.", "GBR", "IGO", "026"),
    # a hyphenated pair before a joint act's noun names both parties, also after "U.S."
    ("Israel-Hamas talks resumed in Cairo on Sunday.", "ISR", "PSE", "046"),
    ("The U.S.-Ukraine talks in Jeddah ended late on Tuesday.", "UKR", "USA", "046"),
    # a clause under "although" is asserted even inside a judgement ("it is hard to say")
    ("It is hard to predict the outcome, although Modi and Xi spoke by phone last week.", "CHN", "IND", "041"),
    # "we" inside a quotation is its speaker
    ("\"We urge Afghanistan to cooperate with Pakistan,\" Pakistan's foreign ministry said.", "PAK", "AFG", "021"),
    ("\"We will not allow Israel to attack Lebanon,\" Hezbollah said in a statement.", "LBN", "ISR", "1245"),
    # backing by soldiers or a military is military aid (072)
    ("Somali soldiers, supported by the U.S. military, are fighting al-Shabab.", "USA", "SOM", "072"),
    ("The Syrian army, backed by Shia fighters from Iraq, reclaimed the town.", "IRQ", "SYR", "072"),
    # a phone call on a day is no "call on"
    ("Obama called Putin on Friday to discuss Syria.", "USA", "RUS", "041"),
    # armed forces reporting a killing with no doer named report their own act
    ("The Pakistani military said 33 terrorists were killed in the operation.", "PAK", "PAK", "190"),
    # a thing "X-owned" is X's ("US-backed" and "rebel-held" still name no actor)
    ("Israeli commandos stormed the Mavi Marmara, a Turkish-owned ship, in 2010.", "ISR", "TUR", "190"),
    # voicing or reaffirming support endorses (051)
    ("Germany voiced support for Ukraine on Monday after the talks in Berlin.", "DEU", "UKR", "051"),
    ("Biden reaffirmed his support for Israel in a call with Netanyahu.", "USA", "ISR", "051"),
    # politicians fighting each other feud (111); soldiers fighting rebels fight (190)
    ("The Kenyan government fought the opposition over the new law.", "KEN", "KEN", "111"),
    ("Syrian troops fought rebels near Idlib on Sunday.", "SYR", "SYR", "190"),
    # an invitation received comes from the inviter; a royal court is the government
    ("Trump received an invitation from Erdogan to visit Turkey next year.", "TUR", "USA", "020"),
    ("Erdogan alleged that the Saudi royal court ordered the killing.", "TUR", "SAU", "112"),
    # ordering a withdrawal is the withdrawal, aimed at the place left, never at one's own forces
    ("Donald Trump ordered a full withdrawal of over 2,000 US troops from Syria.", "USA", "SYR", "0874"),
    # an envoy's sender comes first or owns the post; the later country is the posting
    ("The U.S. Syria envoy criticised Russia on Monday.", "USA", "RUS", "111"),
    # claiming an act names its doer ("claimed the killing of 33 terrorists")
    ("The Pakistani military claimed the killing of 33 terrorists in Balochistan.", "PAK", "PAK", "190"),
    # declaring victory against an enemy reports fighting it
    ("Syrian troops declared victory against Islamic State in Albu Kamal.", "SYR", "IMG", "190"),
    # an agentless arrest or jailing was done by the authority of the place it happened (173)
    ("A former British soldier was jailed in Turkey for seven years.", "TUR", "GBR", "173"),
    ("The British man was arrested on a Turkish beach last year.", "TUR", "GBR", "173"),
    # ... also when the place is the main clause's, and for a verdict of guilt (116)
    ("The British man is in prison in Turkey after being convicted of terrorism.", "TUR", "GBR", "116"),
    ("Arrested in Moscow in March, the American journalist was later released.", "RUS", "USA", "173"),
    # holding someone in custody detains them (173); holding them hostage abducts them (181)
    ("The Kenyan activist is being held in Ugandan police custody.", "UGA", "KEN", "173"),
    ("Passengers of a Pakistani train were held hostage by Afghan Taliban fighters.", "AFG", "PAK", "181"),
    # appeals written as nouns, with the addressee of to/on (020)
    ("UN envoy Geir Pedersen issued an appeal to Syria on Friday.", "IGO", "SYR", "020"),
    # a spread people's fighters belong to the country where the clause places them
    ("Two Britons had been captured in Syria by Kurdish fighters.", "SYR", "GBR", "173"),
    # the subject of "died in" or "came under" an attack underwent it
    ("Twenty Pakistani passengers died in the attack by the Taliban.", "AFG", "PAK", "190"),
    ("Pakistani soldiers came under attack by the Taliban.", "AFG", "PAK", "190"),
    # claiming or taking responsibility for an act reports it as one's own
    ("The Pakistani Taliban claimed responsibility for attacking a Pakistani army convoy.", "PAK", "PAK", "190"),
    # ramping up attacks carries them out
    ("Al-Shabab has ramped up attacks on Somali security forces.", "SOM", "SOM", "190"),
    # contesting or disputing another's claim or sovereignty disapproves of the claimant (110)
    ("Vietnam and the Philippines have long contested China's sovereignty claims.", "VNM", "CHN", "110"),
    ("India disputes Pakistan's claim to Kashmir.", "IND", "PAK", "110"),
    # a mercenary is an armed actor of no state's forces; "from Belarus" names their country
    ("French prosecutors accused a mercenary from Belarus of the bombing.", "FRA", "BLR", "112"),
    # receiving backing from someone is their aid (070)
    ("The Syrian Kurds receive significant backing from the Turkish government.", "TUR", "SYR", "070"),
    # a subject's possessive pronoun may refer to an actor named earlier in the sentence
    ("Putin met Sisi in Cairo. Mr Putin claimed victory, but his forces bombed the Syrian opposition.",
     "RUS", "SYR", "183"),
    # a place that fell to a force was taken by it (192)
    ("Mosul fell to Islamic State militants in June 2014.", "IMG", "IRQ", "192"),
    # repatriating people against their will expels them (174)
    ("Thailand repatriated 40 Uyghurs to China.", "THA", "CHN", "174"),
    # a war waged, or engaged or embroiled in, is fought (190); siding with someone endorses them
    ("Russia launched a war against Ukraine in 2022.", "RUS", "UKR", "190"),
    ("In the 1990s Turkey was engaged in a civil war with the PKK.", "TUR", "TUR", "190"),
    ("Germany sided with France in the dispute.", "DEU", "FRA", "051"),
    # a number or quantifier with an of-phrase stands for part of that group
    ("Some of the Syrian rebels attacked Turkish troops on Sunday.", "SYR", "TUR", "190"),
    # a warning that the warned side will pay for what it does is a threat (130)
    ("Ankara warned Damascus that it would face serious consequences if it sent troops.", "TUR", "SYR", "130"),
    ("Turkey warned that the Syrian regime risked a confrontation with the Turkish army.", "TUR", "SYR", "130"),
    # taking away citizenship or a passport is an administrative sanction (172)
    ("The Danish government stripped the fighters of their citizenship.", "DNK", "DNK", "172"),
    ("Bahrain revoked the citizenship of dozens of Bahraini activists.", "BHR", "BHR", "172"),
    # a hijacking is an abduction (181); rape is sexual assault (1821)
    ("The hijacking of the bus by Baloch militants shocked Pakistan.", "PAK", "PAK", "181"),
    ("Sudanese soldiers raped women in Darfur, the report said.", "SDN", "SDN", "1821"),
    # a phone conversation is a telephone consultation (041)
    ("Sheinbaum held a phone conversation with Trump on Monday.", "MEX", "USA", "041"),
    # exempting another state's goods from duties eases economic pressure (085)
    ("Washington exempted the duties on Canadian cars.", "USA", "CAN", "085"),
    # a court ordering someone to prison or under arrest jails them (173), also "back to prison"
    ("A Guatemalan judge ordered the journalist back to prison.", "GTM", "GTM", "173"),
    ("A Pakistani court ordered the arrest of the opposition leader.", "PAK", "PAK", "173"),
    # words said in a phone call or talks: the speaker took part in them (041, 04)
    ("Erdogan said in a phone call with Vladimir Putin that the offensive would go on.", "TUR", "RUS", "041"),
    ("Sheinbaum and Carney told Trump in phone conversations that they had made progress.", "CAN", "USA", "041"),
    # military reports' words for killing (190); eliminating tariffs eases sanctions (085)
    ("Pakistani troops neutralized 30 terrorists in North Waziristan.", "PAK", "PAK", "190"),
    ("Iraq's intelligence service eliminated the IS commander Abu Khadija.", "IRQ", "IMG", "190"),
    ("Vietnam eliminated tariffs on US goods.", "VNM", "USA", "085"),
    # a host's guest visited the host (042), beside the hosting itself (043)
    ("Trump hosted Erdogan at the White House on Wednesday.", "USA", "TUR", "043"),
    ("Trump hosted Erdogan at the White House on Wednesday.", "TUR", "USA", "042"),
]

#: Senses a lexicon entry marks as no event (code "-"), and other sentences that assert nothing.
NO_EVENT = [
    ("Labour defeated the Conservatives in the election.", "190"),
    ("The diplomatic standoff between Washington and Beijing deepened.", "150"),
    # defending ground or one's security is armed posture, not verbal defence (052)
    ("Kurdish fighters defended the town of Kobane against the militants.", "052"),
    ("The US will take steps to defend their security, the envoy said.", "052"),
    ("Iran vowed to defend its borders against Iraq.", "052"),
    # figurative war is no use of force
    ("Washington seeks to escalate economic warfare against Iran.", "190"),
    # the parties to a dispute are no political parties
    ("China calls on the parties concerned to be rational.", "020"),
    # a negated quantity of an act, and an act under "without", did not happen
    ("There was no sign of talks between Israel and Hamas.", "046"),
    ("Turkey jailed the reporters without Europe or America protesting.", "141"),
    # a forecast ("will likely", "probably") and a consequence foreseen in a relative clause
    ("Japan's security cooperation with India will likely develop slowly, analysts said.", "0312"),
    ("Israel will probably strike Iranian nuclear sites before the summer.", "190"),
    ("Pyongyang is buying oil from Moscow, which would violate U.N. sanctions.", "128"),
    # the content of an accusation or a report is alleged, not asserted
    ("Moscow denied reports that its troops had shelled the Ukrainian town.", "190"),
    ("Russia's envoy dismissed accusations it is getting weapons from North Korea.", "072"),
    # a negated subject: nothing happened
    ("Thai officials said no other country had offered to take in the Uyghurs.", "030"),
    ("No country has recognised the Taliban government in Kabul.", "054"),
    # a group called foreign is not the home country's
    ("Foreign bloggers who praise China gain millions of followers there.", "051"),
    # naming with an object predicate is no call
    ("The BLA demanded the release of what it called resistance workers.", "041"),
    # ... also where the parser reads the name given as a second object
    ("The BLA demanded the release of political prisoners and what it called resistance workers held in Quetta.",
     "041"),
    ("Moscow condemned the arrest of what it called peaceful Russian tourists.", "041"),
    # a tariff or sanction "targeting" or "hitting" a country is the measure's reach, no attack
    ("He said Trump's tariffs targeting Canada and Mexico aim to cut fentanyl deaths.", "190"),
    ("The White House effort targeting Mexican cartels will continue, Hassett said.", "190"),
    # ... but a ministry reporting deaths does not claim them
    ("The health ministry in Gaza said 20 Palestinians were killed on Sunday.", "190"),
    # "seldom", "rarely" negate; "met with opposition" is no meeting
    ("Najib seldom criticized China during his years in office.", "111"),
    ("The Malaysian application met with opposition from China's U.N. mission.", "040"),
    # a people arriving somewhere migrates; it does not visit
    ("Another wave of Somalis arrived in Kenya in 2011, driven by drought.", "042"),
    # rivals, enemies and critics named by a nationality are the other side
    ("The United States gives military support to Chinese rivals in Asia.", "072"),
    # fighting fires, diseases or corruption is no use of force
    ("Australian firefighters, who battled blazes in Canada last year, flew in to help.", "190"),
    # fighting an election, a policy "hitting" workers, a domestic visit announced
    ("Labour believes it will be fighting the next election in the spring.", "190"),
    ("Kilroy-Silk said Britain's open door approach is hitting low wage workers.", "190"),
    ("The Liberal Democrat leader will visit a temple in north west London.", "036"),
    # an agreement mentioned is no signing: only a verb that makes it happen codes it
    ("Under the mutual defence treaty between the United States and the Philippines, the shoal is covered.",
     "057"),
    ("The new deal between Iran and Russia took effect on Monday.", "057"),
    ("Nebenzia said the two countries' cooperation is exclusively constructive and legitimate.", "060"),
    # protesting one's innocence asserts it; an athlete named by nationality only is no actor later
    ("Greek sprinter Kostas Kenteris missed the test. Kenteris has protested his innocence.", "141"),
    ("Greek sprinter Kostas Kenteris missed the test. Kenteris blamed Greek Olympic officials.", "112"),
    # a visit's host is its destination, never another phrase of the sentence
    ("Turkish jets flew low across Ankara to test the newly bought Russian air defence system.", "042"),
    # asking a question is no appeal; a leader signing an order or bill makes no agreement
    ("Trump asked the same question of his national security adviser, John Bolton.", "020"),
    ("Donald Trump signed an order to keep the Guantanamo Bay detention centre open.", "057"),
    # a supposition asserts nothing; what is spared, averted or prevented did not happen
    ("It is reasonable to assume the Syrian and American officials have been talking.", "040"),
    ("Idlib was spared an assault by the Syrian regime and Russia last autumn.", "190"),
    ("Turkish police prevented Kurdish protesters from attacking the Syrian embassy.", "190"),
    # a city before an attack noun says where it happened, not who did it
    ("Letts said he was pleased when he heard news of the Paris terror attacks.", "190"),
    # the purpose of an act only asked for is not done; troops sent to fight are no aid to the foe
    ("Erdogan urged Nato to act to protect Turkey's borders.", "074"),
    ("In 2016 Turkey sent troops to fight Isis in Syria.", "072"),
    # countries do not travel: "they" for two countries is no visitor
    ("Turkey and Syria signed a deal. Then they travelled to London.", "042"),
    # an act alleged, or the content of a concern or fear, is not asserted
    ("In 2018, Iranian officials allegedly offered to pay Turkish relatives.", "030"),
    ("Analysts are raising concerns that the Chinese law will help Beijing tighten control.", "033"),
    # a war or an insurgency merely named is a state, not an act; a trade war is no force
    ("A Kurdish insurgency has continued in the south-east of Turkey for four decades.", "190"),
    # a measure of anything but punishment is no sanction
    ("Beijing announced new measures to support the economy of Hong Kong.", "163"),
    ("The war in Syria has killed thousands.", "190"),
    ("The US launched a trade war with China.", "190"),
    # an act still needed is not done; the act a debate or talks are about is their topic
    ("Kurdish forces in Syria first need to capture the hospital from Islamic State.", "173"),
    ("There is an intense legal debate about the targeting of British recruits in Syria.", "190"),
    # expecting another to act predicts it; economic demand is no demand
    ("A U.S. general said he is expecting North Korea to launch a long-range missile.", "020"),
    ("Global oil demand from Chinese refiners rose sharply.", "100"),
    # denying responsibility for an attack claims nothing
    ("The Taliban denied responsibility for the attack on Pakistani troops.", "190"),
    # a legal appeal against a ruling has no addressee
    ("He lodged an appeal against his conviction in Turkey.", "020"),
    # struck off a professional register: removed from a list, no force
    ("Two British pharmacists were struck off the register by the regulator.", "190"),
]


@pytest.mark.parametrize(("text", "code"), NO_EVENT, ids=[c[0][:40] for c in NO_EVENT])
def test_no_event_sense(text: str, code: str) -> None:
    events = tieline.code(text, date="2023-06-01")
    assert all(e.cameo != code for e in events), [(e.source.code, e.target.code, e.cameo) for e in events]


def test_defending_a_party_is_still_verbal_defence() -> None:
    got = {(e.source.code[:3], e.target.code[:3], e.cameo) for e in tieline.code("Russia defended Syria at the UN.")}
    assert ("RUS", "SYR", "052") in got


@pytest.mark.parametrize(("text", "source", "target", "code"), CASES, ids=[c[0][:40] for c in CASES])
def test_lexicon_group(text: str, source: str, target: str, code: str) -> None:
    events = tieline.code(text, date="2023-06-01")
    got = {(e.source.code[:3], e.target.code[:3], e.cameo) for e in events}
    assert (source, target, code) in got, got


def test_lexicon_rejects_yaml_booleans_in_word_lists() -> None:
    # A bare `no` in a YAML list is read as False: "no" silently stopped negating once.
    from tieline.coding.lexicon import _check_words
    from tieline.errors import DataError

    with pytest.raises(DataError, match="quote it"):
        _check_words({"negation": {"words": ["not", False]}}, "modality.yaml")
    _check_words({"negation": {"words": ["not", "no"]}}, "modality.yaml")


def test_no_is_a_negation_word() -> None:
    from tieline.coding.lexicon import get_lexicon

    assert "no" in get_lexicon().modality.negation_words


def test_an_envoy_is_not_the_country_of_his_posting() -> None:
    events = tieline.code("Jim Jeffrey, Trump's Syria envoy, criticised Russia on Monday.", date="2018-09-07")
    assert {e.source.code[:3] for e in events} == {"USA"}, [(e.source.code, e.target.code) for e in events]


def test_a_surname_the_document_gave_a_person_is_no_place() -> None:
    # Zamora is also a Spanish town; after "Jose Ruben Zamora" a bare "Zamora" is the man
    # (the full name must be in a parsed sentence: the prefilter blanks sentences with no event)
    text = "A Guatemalan judge ordered the journalist Jose Ruben Zamora back to prison. In 2022 police arrested Zamora."
    events = tieline.code(text, date="2025-03-01")
    assert all(e.target.country != "ESP" for e in events), [(e.source.code, e.target.code) for e in events]


def test_a_name_held_where_only_the_place_names_the_jailer_is_no_citizen_of_it() -> None:
    # the jailer is only the place's authority: the unknown name is not lent that country
    events = tieline.code("Davis is in prison in Turkey.", date="2019-01-01")
    assert not any(e.target.code.startswith("TUR") for e in events), [(e.source.code, e.target.code) for e in events]
    # ... but one arrested by its authorities named as doers is theirs
    events = tieline.code("Guatemalan authorities arrested Rubenson.", date="2023-01-01")
    assert ("GTM", "GTM", "173") in {(e.source.code[:3], e.target.code[:3], e.cameo) for e in events}
