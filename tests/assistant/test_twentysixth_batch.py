"""Rules of the twenty-sixth blind batch, on hand-made text: a table cell holding semicolons of its own stays one
cell; a name masked as X is no masked figure; a table of places whose caption names the indicator answers from the
place's row; a column's unit may be a rate (元/平方米·月); a follow-up (…多少？带社团的呢？) asks a second figure the
sentence may answer; 第十九条规定了什么 asks for the article, quoted from after its number."""

from assistant.arithmetic import row_cells
from assistant.evidence import ask_segments, check_sentence, has_figure
from assistant.glossary import Glossary
from assistant.question import analyse
from ingest.zh import squash
from tests.assistant.test_twentythird_batch import _assistant

G = Glossary.builtin()


def test_a_cell_holding_semicolons_of_its_own_stays_one_cell():
    cells = row_cells("序号：37；项目名称：殡葬基本服务费；收费标准：每具480元；本县户籍居民免收；执收部门：县民政局。")
    assert cells == [("序号", "37"), ("项目名称", "殡葬基本服务费"), ("收费标准", "每具480元；本县户籍居民免收"),
                     ("执收部门", "县民政局")]
    assert row_cells("主要目标：到2025年地区生产总值达到100亿元；城镇化率达到60%；森林覆盖率达到40%") is None  # prose
    assert row_cells("一；二；三") is None


def test_a_masked_name_is_no_masked_figure():
    assert has_figure("结合X发展实际，") is None  # X is the county's name
    assert has_figure("打造XX品牌，") is None
    assert has_figure("地区生产总值增长XX%，") is False
    assert has_figure("新增X个，") is False
    assert has_figure("地区生产总值增长8.5%，") is True


CAPTION = squash("表2 甲市各区县公共充电桩累计建设目标（单位：台）")


def test_a_places_row_counts_what_the_tables_caption_names():
    row = "区县：甲市南峰县；2026年：1700；2027年：2300；2028年：3100。"
    assert check_sentence(analyse("南峰县2028年公共充电桩目标多少台？"), row, G, CAPTION).ok
    assert not check_sentence(analyse("南峰县2028年换电站目标多少座？"), row, G, CAPTION).ok  # the caption's not
    assert not check_sentence(analyse("北塘县2028年公共充电桩目标多少台？"), row, G, CAPTION).ok  # another place's


def test_a_columns_unit_may_be_a_rate():
    row = "小区：汀兰公寓；地址：城北新区学府路3号；套数：64；户型：单间公寓约30㎡；租金标准（元/平方米·月）：10.2。"
    assert check_sentence(analyse("汀兰公寓租金一平米每月多少钱？"), row, G, squash("表1 小区、地址、套数")).ok


SENTENCE = "第十六条 参与课后服务的教师按课时发放补助，标准为每课时60元；组织社团活动和承担延时托管的，每课时80元。"


def test_a_follow_up_asks_a_second_figure():
    q = "老师上一节课后服务能拿多少补助？带社团的呢？"
    assert len(ask_segments(squash(q), analyse(q).terms)) == 2
    found = check_sentence(analyse(q), SENTENCE, G)
    assert found.ok and "60元" in found.focus  # the first figure asked, though its clause names no 社团
    assert len(ask_segments(squash("每课时补助多少？"), ("课时", "补助"))) == 1  # nothing follows up


def test_the_glossary_knows_a_teacher_and_a_lesson():
    assert "教师" in G.expand("老师补助多少").added and "课时" in G.expand("上一节课补助多少").added


RULES = ("甲市中小学课后服务实施办法\n"
         "第十八条 各县（市、区）教育部门要将课后服务工作纳入对学校的年度考核。\n"
         "第十九条 学校应当建立课后服务家长满意度调查制度，每学期至少开展1次满意度测评，满意度低于80%的，限期整改。\n"
         "学校应当落实课后服务安全管理制度，明确每个服务时段的安全责任人。\n"
         "第二十条 本办法规定的收费标准为上限，各县（市、区）不得突破本办法规定。\n")


def test_what_an_article_stipulates_is_quoted_from_after_its_number(home, tmp_path):
    assert analyse("甲市那个办法第十九条规定了什么？").kind == "section"
    a = _assistant(tmp_path / "docs", "rules.txt", RULES)
    r = a.ask("甲市那个办法第十九条规定了什么？")
    assert not r.refused and "家长满意度调查制度" in r.answer and "第二十条" not in r.answer


def test_a_count_asked_then_its_items_is_a_list():
    assert analyse("农险补贴方案提了几条基本原则？分别是啥").kind == "list"
    assert analyse("提高了几个百分点？原因是什么").kind == "figure"  # another question after the count


FOLLOW = ("甲市中小学课后服务实施办法\n"
          "第十六条 参与课后服务的教师按课时发放补助，标准为每课时60元；组织社团活动和承担延时托管的，每课时80元。"
          "退休教师参与课后服务的，可参照本条规定给予适当劳务补助。\n"
          "第十七条 课后服务经费由财政补助和服务性收费共同保障，财政按照每生每年不低于200元的标准安排。\n")


def test_a_follow_up_is_answered_by_the_sentence_naming_its_case(home, tmp_path):
    a = _assistant(tmp_path / "docs", "rules.txt", FOLLOW)
    r = a.ask("甲市老师上一节课后服务能拿多少补助？带社团的呢？")
    assert not r.refused and "60元" in r.answer and "80元" in r.answer
    r = a.ask("甲市老师上一节课后服务能拿多少补助？")
    assert not r.refused and "60元" in r.answer and "80元" not in r.answer


def test_a_tables_unit_may_be_in_its_caption():
    row = "区县：甲市南峰县；2026年：1700；2027年：2300；2028年：3100。"
    assert analyse("南峰县2028年公共充电桩目标多少台？").unit == "台"
    assert check_sentence(analyse("南峰县2028年公共充电桩目标多少台？"), row, G, CAPTION).ok
    other = squash("表2 甲市各区县公共充电桩建设投资（单位：万元）")
    assert not check_sentence(analyse("南峰县2028年公共充电桩目标多少台？"), row, G, other).ok


def test_a_threshold_is_about_what_applies_under_it():
    s = "采购人采购单项或批量金额在1万元以下的货物和服务，可以凭发票直接报销；1万元以上的，按规定程序采购。"
    context = squash("四、其他事项（一）小额零星采购")
    found = check_sentence(analyse("小额零星采购多少钱以下可以直接拿发票报销？"), s, G, context)
    assert found.ok and "1万元以下" in found.focus  # not 1万元以上's clause, after the one saying what applies
    assert check_sentence(analyse("小额零星采购多少钱以下可以直接拿发票报销？"), s[:s.index("；")], G, context).ok
    assert not check_sentence(analyse("小额零星采购多少钱以下可以申请财政补助？"), s, G, context).ok


def test_a_verb_the_context_leaves_is_the_askers_word():
    from assistant.evidence import coverage

    info = analyse("今年第一批公租房一共拿出多少套房子？")
    context = squash("甲县公共租赁住房配租方案（2026年第一批）一、房源情况")
    assert coverage(info, squash("本批次共推出公共租赁住房房源420套，"), G, context) > 0.5
    assert coverage(analyse("第一批公租房的物业费一共多少？"), squash("本批次共推出公共租赁住房房源420套，"), G,
                    context) < 0.5


def test_a_quoted_names_blank_stands_for_any_word():
    from assistant.evidence import names_quoted

    assert names_quoted(squash("×县"), squash("坚定不移走好“生态立县”之路"), G)
    assert names_quoted(squash("某某行动"), squash("深入实施“三提三争行动”"), G)
    assert not names_quoted(squash("×县"), squash("坚定不移走好“生态立市”之路"), G)
    assert not names_quoted(squash("××县"), squash("全县上下坚定不移推进高质量发展"), G)  # a name quoted, not any 县
